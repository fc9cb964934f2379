using System.Globalization;
using Parley.Chat;

namespace Parley.E2E.Host.Apps;

/// <summary>
/// /stream: messages, streaming and Markdown. "stream N D" streams N words D ms apart;
/// "paragraphs N" streams N one-paragraph tokens; "markdown" and "unsafe" send fixed Markdown;
/// a message with files lists them; anything else is echoed.
/// </summary>
public static class StreamApp
{
    public const string Path = "/stream";

    public const string MarkdownSample = """
        ## Trip plan

        Three days in **Lisbon**, see the [city guide](https://example.com/lisbon).

        ```csharp
        var days = new[] { "Alfama", "Belém", "Sintra" };
        Console.WriteLine(days.Length); // 3
        ```

        | Day | Area | Budget |
        |---|---|---|
        | 1 | Alfama | 80 € |
        | 2 | Belém | 95 € |
        | 3 | Sintra | 120 € |

        - Pack light
        - Book the tram
        """;

    public const string UnsafeSample = """
        Raw HTML stays text: <script>window.__pwned = true</script> <img src=x onerror="window.__pwned = true">

        <b onmouseover="window.__pwned = true">bold?</b>

        [a javascript link](javascript:window.__pwned=true) and [a data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) and [a safe link](https://example.com/safe)
        """;

    public static void Configure(ChatHandlerBuilder chat) => chat
        .Starters(new Starter("Say hello", "hello"), new Starter("Show Markdown", "markdown"))
        .OnMessage(async (message, ctx, ct) =>
        {
            var content = message.Content.Trim();
            if (message.Files.Count > 0)
            {
                var listed = string.Join(", ", message.Files.Select(f => $"{f.Name} ({f.Size} bytes)"));
                await ctx.SendMessageAsync($"Received {message.Files.Count} file(s): {listed}", cancellationToken: ct);
                return;
            }
            if (Streaming.TryParse(content, out var count, out var delay))
            {
                await Streaming.StreamWordsAsync(ctx, count, delay, ct);
                return;
            }
            if (content.StartsWith("paragraphs ", StringComparison.Ordinal)
                && int.TryParse(content["paragraphs ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var paragraphs))
            {
                await StreamParagraphsAsync(ctx, paragraphs, ct);
                return;
            }
            if (content == "markdown slowly")
            {
                await StreamMarkdownAsync(ctx, ct);
                return;
            }
            var reply = content switch
            {
                "markdown" => MarkdownSample,
                "unsafe" => UnsafeSample,
                _ => $"Echo: {message.Content}",
            };
            await ctx.SendMessageAsync(reply, cancellationToken: ct);
        });

    /// <summary>The Markdown sample in small chunks, then a pause before it finishes: a reply caught mid-stream.</summary>
    private static async Task StreamMarkdownAsync(ChatContext ctx, CancellationToken cancellationToken)
    {
        var reply = await ctx.StartMessageAsync(cancellationToken: cancellationToken);
        for (var i = 0; i < MarkdownSample.Length; i += 6)
        {
            await reply.StreamTokenAsync(MarkdownSample.Substring(i, Math.Min(6, MarkdownSample.Length - i)), cancellationToken);
            await Task.Delay(4, cancellationToken);
        }
        await reply.StreamTokenAsync("\n\nNext, the museums", cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        await reply.FinishAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Each token is one paragraph; a short pause every few tokens spreads them over many frames.</summary>
    private static async Task StreamParagraphsAsync(ChatContext ctx, int count, CancellationToken cancellationToken)
    {
        var reply = await ctx.StartMessageAsync(cancellationToken: cancellationToken);
        for (var i = 1; i <= count; i++)
        {
            await reply.StreamTokenAsync($"Paragraph {i} of the long answer, with a few words to render.\n\n", cancellationToken);
            if (i % 4 == 0)
            {
                await Task.Delay(5, cancellationToken);
            }
        }
        await reply.FinishAsync(cancellationToken: cancellationToken);
    }
}
