using Parley.Chat;

namespace Parley.E2E.Host.Apps;

/// <summary>
/// /team, on the accounts host: "whoami" names the signed-in user, "stream N D" streams, anything
/// else is echoed.
/// </summary>
public static class TeamApp
{
    public const string Path = "/team";

    public static void Configure(ChatHandlerBuilder chat) => chat
        .OnMessage(async (message, ctx, ct) =>
        {
            var content = message.Content.Trim();
            if (Streaming.TryParse(content, out var count, out var delay))
            {
                await Streaming.StreamWordsAsync(ctx, count, delay, ct);
                return;
            }
            var reply = content == "whoami"
                ? $"You are {ctx.User.Identifier} ({ctx.User.DisplayName ?? "no name"})."
                : $"Echo: {message.Content}";
            await ctx.SendMessageAsync(reply, cancellationToken: ct);
        });
}
