namespace Parley.Authentication.Password;

/// <summary>
/// Fixed-window attempt counters keyed by account or client, on <see cref="TimeProvider"/> so
/// tests move the clock instead of sleeping. In memory, per instance: with several instances each
/// counts on its own, which multiplies the limits by the instance count at most.
/// </summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    // Bounds the memory a flood of distinct keys can take; past it, new keys are refused until windows expire.
    internal const int MaxKeys = 100_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts an attempt under <paramref name="key"/>. False, with how long to wait, when the
    /// key already had <paramref name="limit"/> attempts in the current window.
    /// </summary>
    public bool TryAcquire(string key, int limit, TimeSpan window, out TimeSpan retryAfter)
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
                        retryAfter = window;
                        return false;
                    }
                }
                current = new Window(now, 0);
            }
            if (current.Count >= limit)
            {
                retryAfter = current.Start + window - now;
                return false;
            }
            _windows[key] = current with { Count = current.Count + 1 };
            retryAfter = TimeSpan.Zero;
            return true;
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
