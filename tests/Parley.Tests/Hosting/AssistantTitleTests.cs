using System.Net.Http.Json;
using Parley.Assistant;
using Parley.Protocol;
using Parley.Tests.Fixtures;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

/// <summary>After the first reply the assistant app names the conversation: by the model, or by the question's first words.</summary>
public sealed class AssistantTitleTests
{
    private const string Question = "What is the capital of France? I forgot it again.";
    private const string FirstWords = "What is the capital of France";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_the_first_reply_the_model_names_the_conversation_and_the_title_is_cleaned()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Enqueue(FakeReply.Text("Paris."), FakeReply.Text("\"Capital", " of France.\"", "\nA second line"));
        await using var app = await AssistantApp.StartAsync(model);
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        var threadId = (await AssistantApp.StartChatAsync(hub)).ThreadId;

        await AssistantApp.AskAsync(hub, Question);

        Assert.Equal("Capital of France", Renames(hub)[^1]);
        Assert.Equal("Capital of France", await StoredNameAsync(admin, threadId));
        var title = TitleRequests(model).Single();
        Assert.Equal(["system: " + ConversationTitles.Prompt, "user: " + Question], title.Transcript);
        Assert.Equal(FakeReply.ModelName, title.Model);
    }

    [Fact]
    public async Task Only_the_first_reply_names_the_conversation()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Enqueue(FakeReply.Text("Paris."), FakeReply.Text("Capital of France"), FakeReply.Text("Lyon."));
        await using var app = await AssistantApp.StartAsync(model);
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        var threadId = (await AssistantApp.StartChatAsync(hub)).ThreadId;
        await AssistantApp.AskAsync(hub, Question);
        var renamesAfterFirst = Renames(hub).Count;

        await AssistantApp.AskAsync(hub, "And the second largest city?");

        Assert.Single(TitleRequests(model));
        Assert.Equal(2, AssistantProfileTests.ChatRequests(model).Count);
        Assert.Equal(renamesAfterFirst, Renames(hub).Count);
        Assert.Equal("Capital of France", await StoredNameAsync(admin, threadId));
    }

    [Fact]
    public async Task Regenerating_the_first_reply_keeps_the_name_the_user_gave_the_conversation()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Enqueue(FakeReply.Text("Paris."), FakeReply.Text("Capital of France"), FakeReply.Text("Paris, again."));
        await using var app = await AssistantApp.StartAsync(model);
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        var threadId = (await AssistantApp.StartChatAsync(hub)).ThreadId;
        await AssistantApp.AskAsync(hub, Question);
        using var renamed = await admin.Http.PatchAsJsonAsync($"api/threads/{threadId}", new { name = "My own name" }, Ct);
        Assert.True(renamed.IsSuccessStatusCode);

        Assert.True((await hub.SendAsync(new RegenerateReply())).Ok);
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "Paris, again.");
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);

        Assert.Single(TitleRequests(model));
        Assert.Equal("My own name", await StoredNameAsync(admin, threadId));
    }

    [Fact]
    public async Task When_the_title_request_fails_the_title_is_the_questions_first_words_and_the_chat_shows_no_error()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Enqueue(FakeReply.Text("Paris."), FakeReply.ServerError());
        await using var app = await AssistantApp.StartAsync(model);
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        var threadId = (await AssistantApp.StartChatAsync(hub)).ThreadId;

        await AssistantApp.AskAsync(hub, Question);

        Assert.Single(TitleRequests(model));
        Assert.Equal(FirstWords, Renames(hub)[^1]);
        Assert.Equal(FirstWords, await StoredNameAsync(admin, threadId));
        Assert.DoesNotContain(hub.Seen.OfType<StepEvent>(), e => e.Step.IsError);
        Assert.DoesNotContain(hub.Seen, e => e is ErrorEvent);
    }

    [Fact]
    public async Task When_the_model_answers_an_empty_title_the_title_is_the_questions_first_words()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Enqueue(FakeReply.Text("Paris."), FakeReply.Text("\"\"", "\n", "..."));
        await using var app = await AssistantApp.StartAsync(model);
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        var threadId = (await AssistantApp.StartChatAsync(hub)).ThreadId;

        await AssistantApp.AskAsync(hub, Question);

        Assert.Equal(FirstWords, await StoredNameAsync(admin, threadId));
    }

    [Fact]
    public async Task A_reply_that_fails_asks_for_no_title()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Enqueue(FakeReply.ServerError());
        await using var app = await AssistantApp.StartAsync(model);
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        var threadId = (await AssistantApp.StartChatAsync(hub)).ThreadId;

        await AssistantApp.AskAsync(hub, Question);

        Assert.Contains(hub.Seen.OfType<StepEvent>(), e => e.Step.IsError);
        Assert.Empty(TitleRequests(model));
        // The name Parley gives every thread: its first message.
        Assert.Equal(Question, await StoredNameAsync(admin, threadId));
    }

    [Fact]
    public async Task With_the_demo_model_the_title_is_the_questions_first_words()
    {
        await using var app = await AssistantApp.StartAsync();
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        var threadId = (await AssistantApp.StartChatAsync(hub)).ThreadId;

        await AssistantApp.AskAsync(hub, Question);

        Assert.Contains(hub.Seen.OfType<StepEvent>(), e => e.Step.Type == StepTypes.AssistantMessage && !e.Step.IsError && e.Step.Output.Length > 0);
        Assert.Equal(FirstWords, Renames(hub)[^1]);
        Assert.Equal(FirstWords, await StoredNameAsync(admin, threadId));
    }

    private static List<string> Renames(HubClient hub) => [.. hub.Seen.OfType<ThreadRenamed>().Select(r => r.Name)];

    private static List<FakeRequest> TitleRequests(FakeOpenAiServer model) =>
        [.. model.Requests.Where(r => r.Transcript[0] == "system: " + ConversationTitles.Prompt)];

    private static async Task<string?> StoredNameAsync(ApiClient user, string threadId) =>
        (await user.Http.GetFromJsonAsync<ThreadDetailDto>($"api/threads/{threadId}", Ct))!.Thread.Name;
}
