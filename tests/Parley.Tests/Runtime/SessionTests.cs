using Microsoft.AspNetCore.Builder;
using Parley.Chat;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Runtime;

public sealed class SessionTests
{
    [Fact]
    public async Task A_client_that_drops_mid_stream_reattaches_and_the_stream_continues()
    {
        var proceed = new SemaphoreSlim(0);
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage(async (m, ctx, ct) =>
        {
            var reply = await ctx.StartMessageAsync(cancellationToken: ct);
            await reply.StreamTokenAsync("before ", ct);
            await proceed.WaitAsync(ct);
            await reply.StreamTokenAsync("while-away ", ct);
            await proceed.WaitAsync(ct);
            await reply.StreamTokenAsync("after", ct);
            await reply.FinishAsync(cancellationToken: ct);
        })));
        var first = await server.ConnectAsync("alice");
        await first.SendAsync(new StartChat());
        var started = await first.WaitForAsync<ChatStarted>();
        await first.SendAsync(new SendUserMessage("c1", "go"));
        await first.WaitForAsync<TokenEvent>(t => t.Text == "before ");

        first.Abort();
        await first.DisposeAsync();
        proceed.Release();

        await using var second = await server.ConnectAsync("alice");
        Assert.True((await second.SendAsync(new StartChat(ThreadId: started.ThreadId, SessionId: started.SessionId))).Ok);
        var reattached = await second.WaitForAsync<ChatStarted>();
        Assert.Equal(ChatStartMode.Reattached, reattached.Mode);
        Assert.Equal(started.SessionId, reattached.SessionId);
        Assert.True(reattached.Running);
        var partial = reattached.Steps.Single(s => s.Type == StepTypes.AssistantMessage);
        proceed.Release();

        var final = await second.WaitForAsync<StepEvent>(e => e.Step.Id == partial.Id && !e.Step.Streaming);
        Assert.Equal("before while-away after", final.Step.Output);
        var rebuilt = partial.Output + string.Concat(second.Seen.OfType<TokenEvent>().Where(t => t.StepId == partial.Id).Select(t => t.Text));
        Assert.Equal("before while-away after", rebuilt);
    }

    [Fact]
    public async Task Another_user_cannot_reattach_to_a_session_or_resume_a_thread()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage((m, ctx) => ctx.SendMessageAsync("secret reply"))));
        await using var alice = await server.ConnectAsync("alice");
        await alice.SendAsync(new StartChat());
        var started = await alice.WaitForAsync<ChatStarted>();
        await alice.SendAsync(new SendUserMessage("c1", "my secret"));
        await alice.WaitForAsync<StepEvent>(e => e.Step.Output == "secret reply");

        await using var mallory = await server.ConnectAsync("mallory");
        var resume = await mallory.SendAsync(new StartChat(ThreadId: started.ThreadId));
        Assert.Equal(ErrorCodes.NotFound, resume.Code);

        // A stolen session id alone starts a fresh chat of mallory's own, never alice's.
        Assert.True((await mallory.SendAsync(new StartChat(SessionId: started.SessionId))).Ok);
        var own = await mallory.WaitForAsync<ChatStarted>();
        Assert.NotEqual(started.ThreadId, own.ThreadId);
        Assert.NotEqual(started.SessionId, own.SessionId);
        Assert.Empty(own.Steps);
        Assert.DoesNotContain(mallory.Seen.OfType<StepEvent>(), e => e.Step.Output.Contains("secret"));
    }

    [Fact]
    public async Task Resuming_a_thread_from_history_shows_its_steps_and_runs_the_resume_hook()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat
            .OnMessage((m, ctx) => ctx.SendMessageAsync("reply to " + m.Content))
            .OnChatResume((ctx, ct) => ctx.SendMessageAsync("welcome back", cancellationToken: ct))));
        string threadId;
        await using (var first = await server.ConnectAsync("alice"))
        {
            await first.SendAsync(new StartChat());
            threadId = (await first.WaitForAsync<ChatStarted>()).ThreadId;
            await first.SendAsync(new SendUserMessage("c1", "hi"));
            await first.WaitForAsync<StepEvent>(e => e.Step.Output == "reply to hi");
        }

        await using var second = await server.ConnectAsync("alice");
        await second.SendAsync(new StartChat(ThreadId: threadId));
        var resumed = await second.WaitForAsync<ChatStarted>();

        Assert.Equal(ChatStartMode.Resumed, resumed.Mode);
        Assert.Equal(["hi", "reply to hi"], resumed.Steps.Select(s => s.Output));
        await second.WaitForAsync<StepEvent>(e => e.Step.Output == "welcome back");
    }

    [Fact]
    public async Task A_session_whose_client_never_returns_ends_after_the_grace_period()
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ParleyTestServer.StartAsync(
            app => app.MapParley("/", chat => chat.OnChatEnd((ctx, ct) => { ended.TrySetResult(); return Task.CompletedTask; })),
            options => options.Runtime.ReconnectGracePeriod = TimeSpan.FromMilliseconds(200));
        var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.WaitForAsync<ChatStarted>();

        hub.Abort();
        await hub.DisposeAsync();

        await ended.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_profile_the_app_does_not_offer_falls_back_to_the_default()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat
            .Profiles(new ChatProfile("basic", IsDefault: true))
            .OnChatStart(ctx => ctx.SendMessageAsync($"profile={ctx.ChatProfile}"))));
        await using var hub = await server.ConnectAsync("alice");

        await hub.SendAsync(new StartChat(ChatProfile: "admin-unlimited"));

        var started = await hub.WaitForAsync<ChatStarted>();
        Assert.Equal("basic", started.ChatProfile);
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "profile=basic");
    }

    [Fact]
    public async Task A_resent_message_after_a_reconnect_is_taken_once()
    {
        var count = 0;
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage((m, ctx) =>
        {
            Interlocked.Increment(ref count);
            return ctx.SendMessageAsync("ok");
        })));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.SendAsync(new SendUserMessage("same-id", "hello"));
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "ok");

        Assert.True((await hub.SendAsync(new SendUserMessage("same-id", "hello"))).Ok);

        Assert.Equal(1, count);
        Assert.Single(hub.Seen.OfType<StepEvent>(), e => e.Step.Type == StepTypes.UserMessage);
    }
}
