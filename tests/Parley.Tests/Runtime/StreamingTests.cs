using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat;
using Parley.Data;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Runtime;

public sealed class StreamingTests
{
    [Fact]
    public async Task A_fast_stream_of_thousands_of_tokens_arrives_whole_in_far_fewer_frames()
    {
        const int tokens = 3000;
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage(async (m, ctx) =>
        {
            var reply = await ctx.StartMessageAsync();
            for (var i = 0; i < tokens; i++)
            {
                await reply.StreamTokenAsync($"t{i} ");
            }
            await reply.FinishAsync();
        })));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.WaitForAsync<ChatStarted>();

        await hub.SendAsync(new SendUserMessage("c1", "go"));
        var final = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage && !e.Step.Streaming);

        var expected = string.Concat(Enumerable.Range(0, tokens).Select(i => $"t{i} "));
        Assert.Equal(expected, final.Step.Output);
        var streamed = string.Concat(hub.Seen.OfType<TokenEvent>().Where(t => t.StepId == final.Step.Id).Select(t => t.Text));
        Assert.Equal(expected, streamed);
        Assert.True(hub.Seen.OfType<TokenEvent>().Count() < tokens / 10, $"{hub.Seen.OfType<TokenEvent>().Count()} token events for {tokens} tokens");
    }

    [Fact]
    public async Task A_slow_stream_sends_each_token_on_its_own_without_waiting_for_more()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage(async (m, ctx) =>
        {
            var reply = await ctx.StartMessageAsync();
            foreach (var word in new[] { "one ", "two ", "three " })
            {
                await reply.StreamTokenAsync(word);
                await Task.Delay(200, ctx.Aborted);
            }
            await reply.FinishAsync();
        })));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());

        await hub.SendAsync(new SendUserMessage("c1", "go"));
        var first = await hub.WaitForAsync<TokenEvent>();

        // The first token arrives while the handler is still sleeping before the second.
        Assert.Equal("one ", first.Text);
        await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage && !e.Step.Streaming);
        Assert.Equal(["one ", "two ", "three "], hub.Seen.OfType<TokenEvent>().Select(t => t.Text));
    }

    [Fact]
    public async Task Stop_cancels_the_running_handler_and_keeps_what_was_streamed()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopHook = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat
            .OnMessage(async (m, ctx, ct) =>
            {
                var reply = await ctx.StartMessageAsync(cancellationToken: ct);
                try
                {
                    for (var i = 0; ; i++)
                    {
                        await reply.StreamTokenAsync($"{i} ", ct);
                        await Task.Delay(20, ct);
                    }
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult();
                    throw;
                }
            })
            .OnStop(_ => { stopHook.TrySetResult(); return Task.CompletedTask; })));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.SendAsync(new SendUserMessage("c1", "go"));
        await hub.WaitForAsync<TokenEvent>();
        await hub.WaitForAsync<TokenEvent>();

        Assert.True((await hub.SendAsync(new StopGeneration())).Ok);

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await stopHook.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var closed = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage && !e.Step.Streaming);
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        Assert.StartsWith("0 1 ", closed.Step.Output);

        // What the user saw is what is stored.
        var steps = await server.Services.GetRequiredService<IStepStore>().GetAsync(closed.Step.Id, TestContext.Current.CancellationToken);
        Assert.Equal(closed.Step.Output, steps!.Output);
        Assert.False(steps.Streaming);
    }

    [Fact]
    public async Task After_stop_the_handler_can_still_finish_its_message_and_the_stop_hook_can_write()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat
            .OnMessage(async (m, ctx) =>
            {
                var reply = await ctx.StartMessageAsync();
                try
                {
                    while (true)
                    {
                        await reply.StreamTokenAsync("x");
                        await Task.Delay(20, ctx.Aborted);
                    }
                }
                catch (OperationCanceledException)
                {
                    await reply.FinishAsync(reply.Output + " [stopped]");
                }
            })
            .OnStop(ctx => ctx.SendMessageAsync("You stopped me."))));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.SendAsync(new SendUserMessage("c1", "go"));
        await hub.WaitForAsync<TokenEvent>();

        await hub.SendAsync(new StopGeneration());

        // The stop hook runs after the stopped handler has unwound, so its message comes last.
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output.EndsWith(" [stopped]") && !e.Step.Streaming);
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "You stopped me.");
    }

    [Fact]
    public async Task A_second_message_while_a_reply_runs_is_refused_as_busy()
    {
        var release = new TaskCompletionSource();
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage(async (m, ctx, ct) =>
            await release.Task.WaitAsync(ct))));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.SendAsync(new SendUserMessage("c1", "first"));

        var ack = await hub.SendAsync(new SendUserMessage("c2", "second"));

        Assert.Equal(ErrorCodes.Busy, ack.Code);
        release.SetResult();
    }

    [Fact]
    public async Task Nested_steps_stream_their_output_and_finish_under_their_parent()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage(async (m, ctx) =>
        {
            await using (var run = await ctx.StartStepAsync("plan", StepTypes.Run, input: m.Content))
            {
                await using var tool = await run.StartStepAsync("search", StepTypes.Tool, input: "q");
                await tool.StreamTokenAsync("found ");
                await tool.StreamTokenAsync("it");
            }
            await ctx.SendMessageAsync("done");
        })));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.SendAsync(new SendUserMessage("c1", "find"));
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "done");

        var steps = hub.Seen.OfType<StepEvent>().Select(e => e.Step).GroupBy(s => s.Id).Select(g => g.Last()).ToList();
        var run = Assert.Single(steps, s => s.Type == StepTypes.Run);
        var tool = Assert.Single(steps, s => s.Type == StepTypes.Tool);
        Assert.Equal(run.Id, tool.ParentId);
        Assert.Equal("found it", tool.Output);
        Assert.Equal("find", run.Input);
        Assert.NotNull(tool.EndedAt);
        Assert.NotNull(run.EndedAt);
    }

    [Fact]
    public async Task A_failing_handler_shows_an_error_message_instead_of_breaking_the_chat()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage((m, ctx) =>
            m.Content == "boom" ? throw new InvalidOperationException("secret detail") : ctx.SendMessageAsync("fine"))));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());

        await hub.SendAsync(new SendUserMessage("c1", "boom"));
        var error = await hub.WaitForAsync<StepEvent>(e => e.Step.IsError);
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        await hub.SendAsync(new SendUserMessage("c2", "again"));
        var fine = await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "fine");

        Assert.DoesNotContain("secret detail", error.Step.Output);
        Assert.NotNull(fine);
    }
}
