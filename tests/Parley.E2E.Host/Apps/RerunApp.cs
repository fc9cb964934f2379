using Parley.Chat;

namespace Parley.E2E.Host.Apps;

/// <summary>/rerun: echoes every message with a counter ("Reply 3: hello"), so a regenerated or re-answered reply differs from the old one.</summary>
public static class RerunApp
{
    public const string Path = "/rerun";

    private static int _replies;

    public static void Configure(ChatHandlerBuilder chat) => chat
        .OnMessage(async (message, ctx, ct) =>
        {
            var reply = await ctx.StartMessageAsync(cancellationToken: ct);
            await reply.StreamTokenAsync($"Reply {Interlocked.Increment(ref _replies)}: {message.Content}", ct);
            await reply.FinishAsync(cancellationToken: ct);
        });
}
