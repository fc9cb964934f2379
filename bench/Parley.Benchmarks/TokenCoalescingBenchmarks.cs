using BenchmarkDotNet.Attributes;
using Parley.Protocol;
using Parley.Runtime;

namespace Parley.Benchmarks;

/// <summary>
/// A handler streams K tokens into a session's outbox, the flusher drains it and builds the
/// frame's events: the per-token cost every streamed reply pays before persistence and I/O.
/// </summary>
[MemoryDiagnoser]
public class TokenCoalescingBenchmarks
{
    [Params(100, 10_000)]
    public int Tokens { get; set; }

    [Benchmark]
    public int EnqueueDrain()
    {
        var outbox = new Outbox();
        for (var i = 0; i < Tokens; i++)
        {
            outbox.EnqueueToken(Samples.StepId, "tok ");
        }
        var entries = outbox.Drain()!;
        var chars = 0;
        foreach (var entry in entries)
        {
            chars += entry.ToEvent() is TokenEvent token ? token.Text.Length : 0;
        }
        return chars;
    }
}
