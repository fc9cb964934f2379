using System.Text.Json;
using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Chat;

/// <summary>
/// A long answer must cost the same per token at its end as at its start. Instead of timing
/// anything, a MutationObserver counts the DOM nodes each rendered batch touches: appending to a
/// 1,000-paragraph answer may add the new paragraphs and redo the last one, never rebuild the
/// others, and no other message may be touched at all.
/// </summary>
public sealed class LongStreamTests(E2EFixture fixture) : E2ETest(fixture)
{
    private const int Paragraphs = 1000;

    /// <summary>Nodes a batch may touch beyond the paragraphs it adds: the redone last block and a few attributes.</summary>
    private const int ConstantOverhead = 12;

    private const string InstallProbe = """
        () => {
          const list = document.querySelector('[data-testid=message-list]');
          const batches = (window.__parleyBatches = []);
          const observer = new MutationObserver((records) => {
            const replies = list.querySelectorAll('[data-testid=message][data-type=assistant_message]');
            const current = replies[replies.length - 1] ?? null;
            let touched = 0;
            let elsewhere = 0;
            for (const record of records) {
              const count = record.type === 'childList' ? record.addedNodes.length + record.removedNodes.length : 1;
              touched += count;
              const target = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
              const owner = target?.closest('[data-testid=message]') ?? null;
              // The controls of other messages (Edit, Regenerate) change once when the run starts and ends.
              const control = target?.closest('.message-tools') ?? null;
              if (owner !== null && owner !== current && control === null) elsewhere += count;
            }
            const blocks = current?.querySelectorAll(':scope > .markdown > .md-block').length ?? 0;
            batches.push({ touched, elsewhere, blocks, streaming: current?.dataset.streaming === 'true' });
          });
          observer.observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
        }
        """;

    [Fact(Timeout = Timeout)]
    public async Task Each_batch_of_a_long_stream_touches_a_constant_number_of_dom_nodes()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await SendAndWaitAsync(page, "warm up");
        await page.EvaluateAsync(InstallProbe);

        await SendAsync(page, $"paragraphs {Paragraphs}");
        var reply = LastReply(page);
        await Expect(reply.GetByTestId("message-content")).ToContainTextAsync($"Paragraph {Paragraphs} of the long answer", new() { Timeout = 60_000 });
        await Expect(reply).ToHaveAttributeAsync("data-streaming", "false");

        var batches = (await page.EvaluateAsync<JsonElement>("() => window.__parleyBatches")).EnumerateArray()
            .Select(b => new Batch(b.GetProperty("touched").GetInt32(), b.GetProperty("elsewhere").GetInt32(), b.GetProperty("blocks").GetInt32(), b.GetProperty("streaming").GetBoolean()))
            .ToList();

        Assert.Equal(Paragraphs, await reply.Locator(".markdown > .md-block").CountAsync());
        Assert.All(batches, b => Assert.Equal(0, b.Elsewhere));

        // Batches while the answer streams, with how many paragraphs each one added.
        var streamed = new List<(Batch Batch, int Added)>();
        for (var i = 1; i < batches.Count; i++)
        {
            if (batches[i].Streaming && batches[i - 1].Streaming)
            {
                streamed.Add((batches[i], Math.Max(0, batches[i].Blocks - batches[i - 1].Blocks)));
            }
        }
        Assert.True(streamed.Count >= 20, $"Only {streamed.Count} batches arrived while streaming; the test needs many to mean anything.");
        Assert.True(streamed[^1].Batch.Blocks > Paragraphs / 2, "The stream ended before the answer grew long.");
        var worst = streamed.MaxBy(s => s.Batch.Touched - 2 * s.Added);
        Assert.True(worst.Batch.Touched - 2 * worst.Added <= ConstantOverhead,
            $"A batch touched {worst.Batch.Touched} nodes to add {worst.Added} paragraph(s) to an answer of {worst.Batch.Blocks}: rendering redoes earlier paragraphs.");
    }

    private sealed record Batch(int Touched, int Elsewhere, int Blocks, bool Streaming);
}
