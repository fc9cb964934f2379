using System.Globalization;
using Parley.Chat;

namespace Parley.E2E.Host.Apps;

/// <summary>Deterministic streams shared by the apps.</summary>
internal static class Streaming
{
    /// <summary>"stream N D": N tokens "w0 ", "w1 "… D milliseconds apart.</summary>
    public static bool TryParse(string content, out int count, out int delayMs)
    {
        count = delayMs = 0;
        var parts = content.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is ["stream", var n, var d]
            && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out count)
            && int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out delayMs);
    }

    public static async Task StreamWordsAsync(ChatContext ctx, int count, int delayMs, CancellationToken cancellationToken)
    {
        var reply = await ctx.StartMessageAsync(cancellationToken: cancellationToken);
        for (var i = 0; i < count; i++)
        {
            await reply.StreamTokenAsync($"w{i} ", cancellationToken);
            if (delayMs > 0)
            {
                await Task.Delay(delayMs, cancellationToken);
            }
        }
        await reply.FinishAsync(cancellationToken: cancellationToken);
    }
}
