namespace Parley.Runtime;

/// <summary>A token bucket per chat connection: <c>perMinute</c> messages a minute, bursts up to a fifth of that (at least 10).</summary>
internal sealed class HubRateLimiter(int perMinute, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly double _capacity = Math.Max(10, perMinute / 5.0);
    private readonly double _perSecond = perMinute / 60.0;
    private double _tokens = Math.Max(10, perMinute / 5.0);
    private long _last = time.GetTimestamp();

    public bool TryAcquire()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * _perSecond);
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }
            _tokens -= 1;
            return true;
        }
    }
}
