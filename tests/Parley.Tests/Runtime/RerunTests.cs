using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat;
using Parley.Data;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Runtime;

/// <summary>Regenerate and edit-and-rerun over the real hub: the thread is cut after a user message and the handler runs again.</summary>
public sealed class RerunTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Answers with the message text and how many times it has answered, so a second answer differs from the first.</summary>
    private static Task<ParleyTestServer> StartCountingServerAsync(Func<UserMessage, CancellationToken, Task>? before = null)
    {
        var replies = 0;
        return ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage(async (message, ctx, ct) =>
        {
            if (before is not null)
            {
                await before(message, ct);
            }
            var n = Interlocked.Increment(ref replies);
            await ctx.SendMessageAsync($"reply {n} to {message.Content} ({ctx.History.Count} in history)", cancellationToken: ct);
        })));
    }

    private static async Task<(HubClient Hub, ChatStarted Chat, StepDto Question)> AskAsync(ParleyTestServer server, string user, string text)
    {
        var hub = await server.ConnectAsync(user);
        await hub.SendAsync(new StartChat());
        var chat = await hub.WaitForAsync<ChatStarted>();
        Assert.True((await hub.SendAsync(new SendUserMessage("c1", text))).Ok);
        var question = (await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.UserMessage)).Step;
        await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        return (hub, chat, question);
    }

    private static async Task<IReadOnlyList<StepRecord>> StoredStepsAsync(ParleyTestServer server, string threadId) =>
        await server.Services.GetRequiredService<IStepStore>().ListByThreadAsync(threadId, TestContext.Current.CancellationToken).WaitAsync(Wait, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Regenerating_deletes_the_last_reply_and_answers_the_same_message_again()
    {
        await using var server = await StartCountingServerAsync();
        var (hub, chat, question) = await AskAsync(server, "alice", "Hi");
        await using var _ = hub;
        var firstReply = hub.Seen.OfType<StepEvent>().Last(e => e.Step.Type == StepTypes.AssistantMessage).Step;

        Assert.True((await hub.SendAsync(new RegenerateReply())).Ok);

        await hub.WaitForAsync<StepDeleted>(e => e.StepId == firstReply.Id);
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "reply 2 to Hi (1 in history)");
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        var stored = await StoredStepsAsync(server, chat.ThreadId);
        Assert.Equal(["Hi", "reply 2 to Hi (1 in history)"], stored.Select(s => s.Output));
        Assert.Equal(question.Id, stored[0].Id);
    }

    [Fact]
    public async Task The_handler_is_told_whether_a_message_is_new_regenerated_or_edited()
    {
        var runs = new System.Collections.Concurrent.ConcurrentQueue<MessageRun>();
        await using var server = await StartCountingServerAsync((message, _) => { runs.Enqueue(message.Run); return Task.CompletedTask; });
        var (hub, _, question) = await AskAsync(server, "alice", "Hi");
        await using var __ = hub;

        Assert.True((await hub.SendAsync(new RegenerateReply())).Ok);
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output.StartsWith("reply 2", StringComparison.Ordinal));
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        Assert.True((await hub.SendAsync(new EditUserMessage(question.Id, "Hello"))).Ok);
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output.StartsWith("reply 3", StringComparison.Ordinal));

        Assert.Equal([MessageRun.New, MessageRun.Regenerate, MessageRun.Edit], runs);
    }

    [Fact]
    public async Task Editing_a_message_replaces_its_text_and_the_reply_in_the_chat_and_the_database()
    {
        await using var server = await StartCountingServerAsync();
        var (hub, chat, question) = await AskAsync(server, "alice", "Hi");
        await using var _ = hub;

        Assert.True((await hub.SendAsync(new EditUserMessage(question.Id, "Hello there"))).Ok);

        await hub.WaitForAsync<StepEvent>(e => e.Step.Id == question.Id && e.Step.Output == "Hello there");
        await hub.WaitForAsync<StepDeleted>();
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "reply 2 to Hello there (1 in history)");
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        var stored = await StoredStepsAsync(server, chat.ThreadId);
        Assert.Equal(["Hello there", "reply 2 to Hello there (1 in history)"], stored.Select(s => s.Output));
    }

    [Fact]
    public async Task Editing_an_assistant_step_or_a_step_of_another_thread_is_not_found()
    {
        await using var server = await StartCountingServerAsync();
        var (bob, _, bobsQuestion) = await AskAsync(server, "bob", "Bob's secret");
        await using var __ = bob;
        var (hub, chat, _) = await AskAsync(server, "alice", "Hi");
        await using var _ = hub;
        var reply = hub.Seen.OfType<StepEvent>().Last(e => e.Step.Type == StepTypes.AssistantMessage).Step;

        Assert.Equal(ErrorCodes.NotFound, (await hub.SendAsync(new EditUserMessage(reply.Id, "changed"))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await hub.SendAsync(new EditUserMessage(bobsQuestion.Id, "changed"))).Code);

        var bobsStored = await StoredStepsAsync(server, bobsQuestion.ThreadId);
        Assert.Equal("Bob's secret", bobsStored[0].Output);
        Assert.Equal(2, (await StoredStepsAsync(server, chat.ThreadId)).Count);
    }

    [Fact]
    public async Task Regenerating_or_editing_while_a_reply_runs_is_refused_as_busy()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        await using var server = await StartCountingServerAsync(async (_, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 2)
            {
                await release.Task.WaitAsync(Wait, ct);
            }
        });
        var (hub, _, question) = await AskAsync(server, "alice", "Hi");
        await using var _ = hub;
        Assert.True((await hub.SendAsync(new RegenerateReply())).Ok);

        Assert.Equal(ErrorCodes.Busy, (await hub.SendAsync(new RegenerateReply())).Code);
        Assert.Equal(ErrorCodes.Busy, (await hub.SendAsync(new EditUserMessage(question.Id, "Other"))).Code);

        release.SetResult();
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output.StartsWith("reply 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Regenerating_with_no_user_message_is_not_found()
    {
        await using var server = await StartCountingServerAsync();
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.WaitForAsync<ChatStarted>();

        Assert.Equal(ErrorCodes.NotFound, (await hub.SendAsync(new RegenerateReply())).Code);
    }
}
