using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Parley.Llm;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Llm;

/// <summary>Replies from an <see cref="IChatClient"/> that is not the OpenAI-compatible one: the reply logic owns timeouts and errors.</summary>
public sealed class LlmReplyWithAnyClientTests
{
    private static async Task<(StepDto Notice, LlmReply Reply)> ReplyAsync(IChatClient client, LlmReplyOptions options)
    {
        var replies = new ConcurrentQueue<LlmReply>();
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage(async (m, ctx, ct) =>
            replies.Enqueue(await ctx.StreamChatResponseAsync(client, options, ct)))));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.SendAsync(new SendUserMessage("c1", "hello"));
        var notice = await hub.WaitForAsync<StepEvent>(e => e.Step.IsError);
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        return (notice.Step, Assert.Single(replies));
    }

    [Fact]
    public async Task A_model_that_goes_quiet_mid_answer_times_out_after_the_idle_timeout_and_keeps_the_partial_answer()
    {
        using var client = new ScriptedChatClient([new ChatResponseUpdate(ChatRole.Assistant, "Partial")], hangAfter: true);

        var (notice, reply) = await ReplyAsync(client, new LlmReplyOptions { IdleTimeout = TimeSpan.FromMilliseconds(300) });

        Assert.Equal("The model did not answer in time. Please try again.", notice.Output);
        Assert.Equal(LlmErrorKind.Timeout, reply.Error!.Kind);
        Assert.Equal("Partial", reply.Message!.Output);
        Assert.False(reply.Message.IsStreaming);
    }

    [Fact]
    public async Task An_error_the_model_streams_becomes_a_notice_without_its_text()
    {
        using var client = new ScriptedChatClient([new ChatResponseUpdate(ChatRole.Assistant, [new ErrorContent("upstream said: key sk-123 is bad") { ErrorCode = "upstream_error" }])]);

        var (notice, reply) = await ReplyAsync(client, new LlmReplyOptions());

        Assert.Equal("The model reported an error and could not answer. Please try again.", notice.Output);
        Assert.Equal("upstream_error", reply.Error!.ProviderCode);
        Assert.Null(reply.Message);
    }
}
