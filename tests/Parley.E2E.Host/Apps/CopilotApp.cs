using Parley.Chat;
using Parley.E2E.Host.Samples;

namespace Parley.E2E.Host.Apps;

/// <summary>
/// /copilot: the app behind the widget. "total" calls the host page's getCartTotal, "missing" a
/// function the page lacks, "whoami" names the user, "card" sends a custom element, "image" a
/// stored image (a signed link for copilot clients), "stream N D" streams; anything else is echoed.
/// </summary>
public static class CopilotApp
{
    public const string Path = "/copilot";

    public static void Configure(ChatHandlerBuilder chat) => chat
        .OnMessage(async (message, ctx, ct) =>
        {
            var content = message.Content.Trim();
            if (Streaming.TryParse(content, out var count, out var delay))
            {
                await Streaming.StreamWordsAsync(ctx, count, delay, ct);
                return;
            }
            switch (content)
            {
                case "total":
                    var total = await ctx.CallHostFunctionAsync("getCartTotal", new { currency = "EUR" }, TimeSpan.FromSeconds(10), ct);
                    await ctx.SendMessageAsync($"Your cart total is {total.GetProperty("amount").GetDecimal()} {total.GetProperty("currency").GetString()}.", cancellationToken: ct);
                    break;
                case "missing":
                    try
                    {
                        await ctx.CallHostFunctionAsync("notOnThisPage", null, TimeSpan.FromSeconds(10), ct);
                    }
                    catch (HostFunctionException ex)
                    {
                        await ctx.SendMessageAsync($"The page said: {ex.Message}", cancellationToken: ct);
                    }
                    break;
                case "whoami":
                    await ctx.SendMessageAsync($"You are {ctx.User.Identifier} ({ctx.User.DisplayName ?? "no name"}).", cancellationToken: ct);
                    break;
                case "image":
                    await ctx.SendMessageAsync("A chart:", new MessageOptions { Elements = [Element.Image("chart.png", SampleMedia.Png())] }, ct);
                    break;
                case "card":
                    await ctx.SendMessageAsync("A card:", new MessageOptions { Elements = [Element.Custom("Card", new { title = "Porto", temperature = 19 })] }, ct);
                    break;
                default:
                    await ctx.SendMessageAsync($"Copilot echo: {message.Content}", cancellationToken: ct);
                    break;
            }
        });
}
