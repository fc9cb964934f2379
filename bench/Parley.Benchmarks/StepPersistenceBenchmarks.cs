using BenchmarkDotNet.Attributes;
using Parley.Data;

namespace Parley.Benchmarks;

/// <summary>
/// The flusher's group commit on SQLite: 10 tokens appended to each of S streaming steps in one
/// transaction (IStepStore.AppendOutputAsync). Outputs are emptied before each iteration of 64
/// appends, so a step grows to the size of a real reply (2.5 KB), not without bound.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(64, 1)]
public class StepPersistenceBenchmarks
{
    private SqliteData _data = null!;
    private StepOutputChunk[] _chunks = [];

    /// <summary>Steps with new text in one flush: one stream, or a hundred or a thousand concurrent ones.</summary>
    [Params(1, 100, 1000)]
    public int Steps { get; set; }

    // Synchronous over async: the in-process toolchain bench/run-micro.sh uses does not await an async GlobalSetup.
    [GlobalSetup]
    public void Setup()
    {
        _data = SqliteData.Create();
        var chunks = new List<StepOutputChunk>();
        for (var i = 0; i < Steps; i++)
        {
            var step = _data.NewStep(i + 1, "", streaming: true);
            _data.Steps.UpsertAsync(step).GetAwaiter().GetResult();
            chunks.Add(new StepOutputChunk(step.Id, Samples.Tokens(10)));
        }
        _chunks = [.. chunks];
    }

    [IterationSetup]
    public void ResetOutputs() => _data.ResetOutputs();

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark]
    public Task AppendOutput() => _data.Steps.AppendOutputAsync(_chunks);
}
