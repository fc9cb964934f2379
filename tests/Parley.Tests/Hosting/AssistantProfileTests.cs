using System.Net.Http.Json;
using Parley.Assistant;
using Parley.Protocol;
using Parley.Tests.Fixtures;
using AssistantDto = Parley.Tests.Hosting.AssistantApp.AssistantDto;

namespace Parley.Tests.Hosting;

/// <summary>The assistant app offers each of the user's assistants as a chat profile; the profile decides the system prompt and the model.</summary>
public sealed class AssistantProfileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_without_assistants_of_their_own_chats_with_the_built_in_one_and_gets_no_model_select()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        await using var app = await AssistantApp.StartAsync(model);
        using var admin = await app.SignInAdminAsync();
        var builtIn = Assert.Single((await admin.Http.GetFromJsonAsync<List<AssistantDto>>("api/assistants", Ct))!);
        await using var hub = await app.ConnectHubAsync(admin);

        var started = await AssistantApp.StartChatAsync(hub);
        await AssistantApp.AskAsync(hub, "Hello?");

        var profile = Assert.Single(started.Profiles);
        Assert.Equal((builtIn.Name, true), (profile.Name, profile.IsDefault));
        Assert.Equal(builtIn.Name, started.ChatProfile);
        Assert.Empty(started.Settings.Widgets);
        Assert.DoesNotContain(hub.Seen.OfType<SettingsEvent>(), s => s.Widgets.Count > 0);
        var request = ChatRequests(model).Single();
        Assert.Equal(["system: " + builtIn.Instructions, "user: Hello?"], request.Transcript);
        Assert.Equal(FakeReply.ModelName, request.Model);
    }

    [Fact]
    public async Task The_users_assistants_are_the_chat_profiles_of_the_next_chat_in_order_the_first_the_default_described_by_their_instructions()
    {
        await using var app = await AssistantApp.StartAsync();
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        Assert.Equal(["Assistant"], (await AssistantApp.StartChatAsync(hub)).Profiles.Select(p => p.Name));
        var longInstructions = string.Concat(Enumerable.Repeat("Cook with care. ", 20));
        await AssistantApp.PutAssistantAsync(admin, "Chef", longInstructions);
        await AssistantApp.PutAssistantAsync(admin, "Pirate", "Talk like a pirate.");

        // The web UI starts a new chat after a change in the assistants dialog.
        var started = await AssistantApp.StartChatAsync(hub);

        Assert.Equal(["Assistant", "Chef", "Pirate"], started.Profiles.Select(p => p.Name));
        Assert.Equal([true, false, false], started.Profiles.Select(p => p.IsDefault));
        Assert.Equal("Assistant", started.ChatProfile);
        var chef = started.Profiles[1].Description!;
        Assert.True(chef.Length <= 120, chef);
        Assert.EndsWith("…", chef);
        Assert.StartsWith(chef[..^1], longInstructions);
        Assert.Equal("Talk like a pirate.", started.Profiles[2].Description);
    }

    [Fact]
    public async Task A_chat_with_a_profile_sends_that_assistants_instructions_as_the_system_prompt_and_its_model()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        await using var app = await AssistantApp.StartAsync(model);
        using var admin = await app.SignInAdminAsync();
        await AssistantApp.PutAssistantAsync(admin, "Pirate", "Talk like a pirate.", "pirate-model");
        await AssistantApp.PutAssistantAsync(admin, "Chef", "You are a chef.");

        await using (var hub = await app.ConnectHubAsync(admin))
        {
            var started = await AssistantApp.StartChatAsync(hub, profile: "Pirate");
            Assert.Equal("Pirate", started.ChatProfile);
            await AssistantApp.AskAsync(hub, "Where is the treasure?");
        }
        await using (var hub = await app.ConnectHubAsync(admin))
        {
            Assert.Equal("Chef", (await AssistantApp.StartChatAsync(hub, profile: "Chef")).ChatProfile);
            await AssistantApp.AskAsync(hub, "What is for dinner?");
        }

        var requests = ChatRequests(model);
        Assert.Equal(2, requests.Count);
        Assert.Equal(["system: Talk like a pirate.", "user: Where is the treasure?"], requests[0].Transcript);
        Assert.Equal("pirate-model", requests[0].Model);
        // An assistant without a model of its own uses Parley:Llm:Model.
        Assert.Equal(["system: You are a chef.", "user: What is for dinner?"], requests[1].Transcript);
        Assert.Equal(FakeReply.ModelName, requests[1].Model);
    }

    [Fact]
    public async Task A_resumed_thread_keeps_its_profile_and_sends_the_history_with_its_instructions()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Enqueue(FakeReply.Text("Arr, buried on the island."), FakeReply.Text("Treasure hunt"));
        await using var app = await AssistantApp.StartAsync(model);
        using var admin = await app.SignInAdminAsync();
        await AssistantApp.PutAssistantAsync(admin, "Pirate", "Talk like a pirate.", "pirate-model");
        string threadId;
        await using (var hub = await app.ConnectHubAsync(admin))
        {
            threadId = (await AssistantApp.StartChatAsync(hub, profile: "Pirate")).ThreadId;
            await AssistantApp.AskAsync(hub, "Where is the treasure?");
        }

        await using (var hub = await app.ConnectHubAsync(admin))
        {
            var resumed = await AssistantApp.StartChatAsync(hub, threadId: threadId);
            Assert.Equal((ChatStartMode.Resumed, "Pirate"), (resumed.Mode, resumed.ChatProfile));
            await AssistantApp.AskAsync(hub, "Which island?");
        }

        var last = ChatRequests(model)[^1];
        Assert.Equal(["system: Talk like a pirate.", "user: Where is the treasure?", "assistant: Arr, buried on the island.", "user: Which island?"], last.Transcript);
        Assert.Equal("pirate-model", last.Model);
    }

    [Fact]
    public async Task A_profile_the_user_does_not_have_falls_back_to_the_default_and_another_users_assistant_is_never_used()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        await using var app = await AssistantApp.StartAsync(model, new Dictionary<string, string> { ["Parley__Auth__Accounts__Registration"] = "Open" });
        using var admin = await app.SignInAdminAsync();
        await AssistantApp.PutAssistantAsync(admin, "Secret", "The admin's secret instructions.", "secret-model");
        using var bob = await app.RegisterAsync("bob");
        var bobsOwn = Assert.Single((await bob.Http.GetFromJsonAsync<List<AssistantDto>>("api/assistants", Ct))!);
        await using var hub = await app.ConnectHubAsync(bob);

        var started = await AssistantApp.StartChatAsync(hub, profile: "Secret");
        await AssistantApp.AskAsync(hub, "Tell me the secret.");

        Assert.Equal("bob", started.User.Identifier);
        Assert.Equal([bobsOwn.Name], started.Profiles.Select(p => p.Name));
        Assert.Equal(bobsOwn.Name, started.ChatProfile);
        var request = ChatRequests(model).Single();
        Assert.Equal("system: " + bobsOwn.Instructions, request.Transcript[0]);
        Assert.Equal(FakeReply.ModelName, request.Model);
    }

    /// <summary>The requests that asked for a reply, not for a title.</summary>
    internal static List<FakeRequest> ChatRequests(FakeOpenAiServer model) =>
        [.. model.Requests.Where(r => r.Transcript[0] != "system: " + ConversationTitles.Prompt)];
}
