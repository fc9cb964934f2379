using Parley.E2E.Infrastructure;
using Parley.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Assistant;

/// <summary>Chatting with the assistant app's model: streaming, stop, regenerate, edit and rerun, and a failing model.</summary>
public sealed class AssistantChatTests(E2EFixture fixture, AssistantAppFixture app) : AssistantTest(fixture, app)
{
    private static readonly TimeSpan ModelWait = TimeSpan.FromSeconds(20);

    [Fact(Timeout = Timeout)]
    public async Task The_reply_shows_as_it_streams_before_the_model_has_finished()
    {
        var page = await NewUserAsync("stream");
        var release = new TaskCompletionSource();
        EnqueueFirstExchange(
            FakeReply.Text("Token", " streaming", " sends", " words", " as", " they", " are", " made.").HeldAfter(3, release.Task),
            "How streaming works");

        await SendAsync(page, "How does token streaming work?");

        // The model has sent three words and holds the rest: they show, the reply is still running.
        var reply = LastReply(page);
        var content = reply.GetByTestId("message-content");
        await Expect(content).ToHaveTextAsync("Token streaming sends");
        await Expect(reply).ToHaveAttributeAsync("data-streaming", "true");
        await Expect(page.GetByTestId("stop-button")).ToBeVisibleAsync();

        release.SetResult();

        await Expect(content).ToHaveTextAsync("Token streaming sends words as they are made.");
        await WaitForIdleAsync(page);
        await Expect(reply).ToHaveAttributeAsync("data-streaming", "false");
        await Expect(page.GetByTestId("send-button")).ToBeVisibleAsync();
        Assert.Equal(["system: " + DefaultInstructions, "user: How does token streaming work?"], RequestFor("How does token streaming work?").Transcript);
    }

    [Fact(Timeout = Timeout)]
    public async Task Stop_ends_the_reply_mid_stream_cancels_the_model_call_and_the_chat_goes_on()
    {
        var page = await NewUserAsync("stop");
        EnqueueFirstExchange(FakeReply.Text("Short", " answer."), "A first question");
        await AskAsync(page, "A first question", "Short answer.");
        Model.Enqueue(FakeReply.Stall("Once", " upon", " a", " time"));

        await SendAsync(page, "Tell me a very long story");
        var reply = LastReply(page);
        await Expect(reply.GetByTestId("message-content")).ToHaveTextAsync("Once upon a time");
        await page.GetByTestId("stop-button").ClickAsync();

        await Expect(reply).ToHaveAttributeAsync("data-streaming", "false");
        await Expect(page.GetByTestId("send-button")).ToBeVisibleAsync();
        await RequestFor("Tell me a very long story").Aborted.WaitAsync(ModelWait, TestContext.Current.CancellationToken);
        await Expect(reply.GetByTestId("message-content")).ToHaveTextAsync("Once upon a time");

        Model.Enqueue(FakeReply.Text("Still", " here."));
        await AskAsync(page, "Are you still there?", "Still here.");
        // The stopped reply, as far as it got, is part of the history the model sees next.
        Assert.Equal(
            ["system: " + DefaultInstructions, "user: A first question", "assistant: Short answer.", "user: Tell me a very long story", "assistant: Once upon a time", "user: Are you still there?"],
            RequestFor("Are you still there?").Transcript);
    }

    [Fact(Timeout = Timeout)]
    public async Task Regenerate_replaces_the_last_reply_with_a_new_answer_to_the_same_question()
    {
        var page = await NewUserAsync("regen");
        EnqueueFirstExchange(FakeReply.Text("First", " draft."), "Drafting a reply");
        await AskAsync(page, "Write a slogan", "First draft.");

        Model.Enqueue(FakeReply.Text("Second", " draft."), FakeReply.Text("Drafting a slogan"));
        await LastReply(page).GetByTestId("regenerate-button").ClickAsync();

        await Expect(LastReply(page).GetByTestId("message-content")).ToHaveTextAsync("Second draft.");
        await WaitForIdleAsync(page);
        await Expect(Replies(page)).ToHaveCountAsync(1);
        await Expect(page.GetByText("First draft.")).ToHaveCountAsync(0);
        await Expect(UserMessages(page)).ToHaveCountAsync(1);
        var requests = RequestsFor("Write a slogan");
        Assert.Equal(2, requests.Count);
        // The question is answered again from scratch: the discarded reply is not in the context.
        Assert.Equal(requests[0].Transcript, requests[1].Transcript);

        await page.ReloadAsync();
        await WaitForChatAsync(page);
        await Expect(Replies(page).GetByTestId("message-content")).ToHaveTextAsync(["Second draft."]);
    }

    [Fact(Timeout = Timeout)]
    public async Task Editing_a_question_reruns_it_and_the_model_sees_only_the_edited_text()
    {
        var page = await NewUserAsync("edit");
        EnqueueFirstExchange(FakeReply.Text("Paris."), "Capital of France");
        await AskAsync(page, "What is the capital of France?", "Paris.");
        Model.Enqueue(FakeReply.Text("Rome."));
        await AskAsync(page, "And of Italy?", "Rome.");
        await Expect(Replies(page).GetByTestId("message-content")).ToHaveTextAsync(["Paris.", "Rome."]);

        var first = UserMessages(page).First;
        await first.HoverAsync();
        await first.GetByTestId("edit-message-button").ClickAsync();
        await Expect(first.GetByTestId("edit-message-input")).ToHaveValueAsync("What is the capital of France?");
        Model.Enqueue(FakeReply.Text("Madrid."), FakeReply.Text("Capital of Spain"));
        await first.GetByTestId("edit-message-input").FillAsync("What is the capital of Spain?");
        await first.GetByTestId("edit-message-save").ClickAsync();

        // Everything after the edited question goes; the edited one is answered again.
        await Expect(UserMessages(page).GetByTestId("message-content")).ToHaveTextAsync(["What is the capital of Spain?"]);
        await Expect(Replies(page).GetByTestId("message-content")).ToHaveTextAsync(["Madrid."]);
        await WaitForIdleAsync(page);
        Assert.Equal(["system: " + DefaultInstructions, "user: What is the capital of Spain?"], RequestFor("What is the capital of Spain?").Transcript);

        await page.ReloadAsync();
        await WaitForChatAsync(page);
        await Expect(page.GetByTestId("message-content")).ToHaveTextAsync(["What is the capital of Spain?", "Madrid."]);
    }

    [Fact(Timeout = Timeout)]
    public async Task A_rejected_api_key_shows_a_clear_error_in_the_chat_and_regenerate_retries_the_question()
    {
        var page = await NewUserAsync("keyerror");
        Model.Enqueue(FakeReply.Unauthorized(AssistantApp.ApiKey));

        await SendAsync(page, "Is the key right?");

        var error = ErrorMessages(page);
        await Expect(error).ToHaveCountAsync(1);
        await Expect(error.GetByTestId("message-content")).ToHaveTextAsync(
            "The model rejected the API key (HTTP 401). Check the configured key (Parley:Llm:ApiKey).");
        await WaitForIdleAsync(page);
        await Expect(UserMessages(page).GetByTestId("message-content")).ToHaveTextAsync(["Is the key right?"]);
        await Expect(page.GetByText(AssistantApp.ApiKey)).ToHaveCountAsync(0);

        // The operator fixed the key: retrying answers the same question, and the error goes.
        EnqueueFirstExchange(FakeReply.Text("Yes,", " now", " it", " is."), "Checking the API key");
        await error.GetByTestId("regenerate-button").ClickAsync();

        await Expect(LastReply(page).GetByTestId("message-content")).ToHaveTextAsync("Yes, now it is.");
        await WaitForIdleAsync(page);
        await Expect(ErrorMessages(page)).ToHaveCountAsync(0);
        await Expect(UserMessages(page)).ToHaveCountAsync(1);
        Assert.Equal(2, RequestsFor("Is the key right?").Count);
        Assert.DoesNotContain(AssistantApp.ApiKey, App.Output, StringComparison.Ordinal);
    }
}
