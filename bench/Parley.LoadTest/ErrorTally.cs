using System.Collections.Concurrent;

namespace Parley.LoadTest;

/// <summary>Errors by kind; thread-safe.</summary>
internal sealed class ErrorTally
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string error) => _counts.AddOrUpdate(error, 1, (_, n) => n + 1);

    public int Total => _counts.Values.Sum();

    public IReadOnlyDictionary<string, int> Counts => Snapshot();

    public IReadOnlyDictionary<string, int> Snapshot() => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);

    public override string ToString() => Total == 0 ? "0" : string.Join(", ", Snapshot().Select(kv => $"{kv.Value} {kv.Key}"));
}
