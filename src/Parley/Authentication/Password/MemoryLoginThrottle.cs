namespace Parley.Authentication.Password;

/// <summary>
/// Fixed-window attempt counters in memory, on <see cref="TimeProvider"/> so tests move the clock
/// instead of sleeping. Per instance: the throttle for SQLite, which serves one instance, and the
/// fallback of <see cref="DatabaseLoginThrottle"/> while its database fails.
/// </summary>
internal sealed class MemoryLoginThrottle(TimeProvider time) : ILoginThrottle
{
    // Bounds the memory a flood of distinct keys can take; past it, new keys are refused until windows expire.
    internal const int MaxKeys = 100_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<TimeSpan?> AcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Acquire(key, limit, window));

    private TimeSpan? Acquire(string key, int limit, TimeSpan window)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_windows.TryGetValue(key, out var current) || now - current.Start >= window)
            {
                if (_windows.Count >= MaxKeys && !_windows.ContainsKey(key))
                {
                    RemoveExpired(now, window);
                    if (_windows.Count >= MaxKeys)
                    {
                        return window;
                    }
                }
                current = new Window(now, 0);
            }
            if (current.Count >= limit)
            {
                return current.Start + window - now;
            }
            _windows[key] = current with { Count = current.Count + 1 };
            return null;
        }
    }

    private void RemoveExpired(DateTimeOffset now, TimeSpan window)
    {
        foreach (var (key, value) in _windows.ToList())
        {
            if (now - value.Start >= window)
            {
                _windows.Remove(key);
            }
        }
    }

    private readonly record struct Window(DateTimeOffset Start, int Count);
}
