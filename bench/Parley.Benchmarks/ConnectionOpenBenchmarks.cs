using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Data;

namespace Parley.Benchmarks;

/// <summary>
/// What every store call pays before its SQL: a pooled SQLite connection opened and set up
/// (SqlDatabase.ReadAsync with no work), and an empty write transaction on top (WriteAsync).
/// </summary>
[MemoryDiagnoser]
public class ConnectionOpenBenchmarks
{
    private SqliteData _data = null!;
    private SqlDatabase _database = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = SqliteData.Create();
        _database = _data.Services.GetRequiredService<SqlDatabase>();
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark]
    public Task<int> OpenConnection() => _database.ReadAsync(_ => Task.FromResult(0), CancellationToken.None);

    [Benchmark]
    public Task<int> EmptyWriteTransaction() => _database.WriteAsync((_, _) => Task.FromResult(0), CancellationToken.None);
}
