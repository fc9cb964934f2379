using BenchmarkDotNet.Attributes;
using Parley.Data;

namespace Parley.Benchmarks;

/// <summary>
/// One step written whole in its own transaction (IStepStore.UpsertAsync): what creating a
/// message and finishing one each cost, outside the group commit.
/// </summary>
[MemoryDiagnoser]
public class StepUpsertBenchmarks
{
    private SqliteData _data = null!;
    private StepRecord _step = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = SqliteData.Create();
        _step = _data.NewStep(1, Samples.Tokens(100), streaming: false);
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark]
    public Task UpsertStep() => _data.Steps.UpsertAsync(_step);
}
