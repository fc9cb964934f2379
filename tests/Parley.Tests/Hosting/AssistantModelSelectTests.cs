using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Protocol;
using Parley.Tests.Fixtures;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

/// <summary>With <c>Parley:Llm:Models</c>, each chat of the assistant app offers a model select; the pick decides the model of the next request.</summary>
public sealed class AssistantModelSelectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Models(string? model, params string[] models)
    {
        var settings = models.Select((m, i) => (m, i)).ToDictionary(x => $"Parley__Llm__Models__{x.i}", x => x.m);
        if (model is not null)
        {
            settings["Parley__Llm__Model"] = model;
        }
        return settings;
    }

    [Fact]
    public async Task The_chat_offers_the_models_as_a_select_and_after_a_change_the_next_request_uses_the_picked_model()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        await using var app = await AssistantApp.StartAsync(model, Models("a", "a", "b"));
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        await AssistantApp.StartChatAsync(hub);

        var select = ModelSelect(hub);
        Assert.Equal("select", select.Widget.Kind);
        Assert.Equal(["a", "b"], select.Widget.Options!.Select(o => o.Value));
        Assert.Equal("a", select.Value);

        await AssistantApp.AskAsync(hub, "First question");
        await ChangeModelAsync(hub, "b");
        await AssistantApp.AskAsync(hub, "Second question");
        await ChangeModelAsync(hub, "a");
        await AssistantApp.AskAsync(hub, "Third question");

        var requests = AssistantProfileTests.ChatRequests(model);
        Assert.Equal(["a", "b", "a"], requests.Select(r => r.Model));
        Assert.Equal("user: Second question", requests[1].Transcript[^1]);
    }

    [Fact]
    public async Task A_model_the_select_does_not_offer_is_never_requested()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        await using var app = await AssistantApp.StartAsync(model, Models("a", "a", "b"));
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        await AssistantApp.StartChatAsync(hub);

        await ChangeModelAsync(hub, "gpt-the-operator-did-not-offer");
        await AssistantApp.AskAsync(hub, "Which model answers?");

        Assert.Equal("a", AssistantProfileTests.ChatRequests(model).Single().Model);
        Assert.DoesNotContain(model.Requests, r => r.Model == "gpt-the-operator-did-not-offer");
    }

    [Fact]
    public async Task The_default_model_is_offered_and_preselected_even_when_the_list_lacks_it()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        // Parley:Llm:Model stays the app's default, fake-model.
        await using var app = await AssistantApp.StartAsync(model, Models(null, "a", "b"));
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        await AssistantApp.StartChatAsync(hub);

        var select = ModelSelect(hub);
        await AssistantApp.AskAsync(hub, "Which model answers?");

        Assert.Equal([FakeReply.ModelName, "a", "b"], select.Widget.Options!.Select(o => o.Value));
        Assert.Equal(FakeReply.ModelName, select.Value);
        Assert.Equal(FakeReply.ModelName, AssistantProfileTests.ChatRequests(model).Single().Model);
    }

    [Fact]
    public async Task An_assistants_model_must_be_one_the_list_offers_and_is_preselected_in_its_chats()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        await using var app = await AssistantApp.StartAsync(model, Models("a", "a", "b"));
        using var admin = await app.SignInAdminAsync();
        await AssistantApp.PutAssistantAsync(admin, "Bee", "Buzz.", "b");

        using var refused = await admin.Http.PutAsJsonAsync("api/assistants/Sea", new { instructions = "Sail.", model = "c" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("one of: a, b", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());

        await using var hub = await app.ConnectHubAsync(admin);
        await AssistantApp.StartChatAsync(hub, profile: "Bee");
        Assert.Equal("b", ModelSelect(hub).Value);
        await AssistantApp.AskAsync(hub, "Which model answers?");
        await ChangeModelAsync(hub, "a");
        await AssistantApp.AskAsync(hub, "And now?");

        Assert.Equal(["b", "a"], AssistantProfileTests.ChatRequests(model).Select(r => r.Model));
    }

    [Fact]
    public async Task A_conversation_keeps_its_model_when_resumed_and_the_users_last_pick_starts_new_ones()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        var settings = Models("a", "a", "b", "c");
        settings["Parley__Auth__Accounts__Registration"] = "Open";
        await using var app = await AssistantApp.StartAsync(model, settings);
        using var admin = await app.SignInAdminAsync();
        using var other = await app.RegisterAsync("other-" + Guid.NewGuid().ToString("N")[..8]);

        string threadId;
        await using (var hub = await app.ConnectHubAsync(admin))
        {
            threadId = (await AssistantApp.StartChatAsync(hub)).ThreadId;
            await ChangeModelAsync(hub, "b");
            await AssistantApp.AskAsync(hub, "Asked with b");
        }
        await using (var hub = await app.ConnectHubAsync(admin))
        {
            // A new conversation starts with the user's last pick, and a pick there is its own.
            await AssistantApp.StartChatAsync(hub);
            Assert.Equal("b", ModelSelect(hub).Value);
            await ChangeModelAsync(hub, "c");
            await AssistantApp.AskAsync(hub, "Asked with c");
        }
        await using (var hub = await app.ConnectHubAsync(admin))
        {
            await AssistantApp.StartChatAsync(hub, threadId: threadId);
            Assert.Equal("b", ModelSelect(hub).Value);
            await AssistantApp.AskAsync(hub, "Back in the first conversation");
        }
        await using (var hub = await app.ConnectHubAsync(other))
        {
            // Another user's pick is theirs alone.
            await AssistantApp.StartChatAsync(hub);
            Assert.Equal("a", ModelSelect(hub).Value);
        }

        Assert.Equal(["b", "c", "b"], AssistantProfileTests.ChatRequests(model).Select(r => r.Model));
    }

    /// <summary>The model select of the chat's latest settings, and its value.</summary>
    private static (SettingsWidgetDto Widget, string? Value) ModelSelect(HubClient hub)
    {
        var settings = hub.Seen.OfType<SettingsEvent>().LastOrDefault() ?? throw new InvalidOperationException("No settings were sent.");
        var widget = Assert.Single(settings.Widgets, w => w.Id == "model");
        return (widget, settings.Values.TryGetValue("model", out var value) ? value.GetString() : null);
    }

    /// <summary>Sends a settings update, as the settings panel does, and waits for its run to end.</summary>
    private static async Task ChangeModelAsync(HubClient hub, string model)
    {
        var ack = await hub.SendAsync(new UpdateSettings(new Dictionary<string, JsonElement> { ["model"] = JsonSerializer.SerializeToElement(model) }));
        Assert.True(ack.Ok, ack.Message);
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
    }
}
