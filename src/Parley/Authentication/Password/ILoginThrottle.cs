namespace Parley.Authentication.Password;

/// <summary>
/// Fixed-window attempt counters keyed by account or client (keys such as
/// <c>login:account:{NAME}</c> or <c>login:client:{bucket}</c>). With SQLite (one instance) they
/// live in memory (<see cref="MemoryLoginThrottle"/>); with PostgreSQL, where several instances
/// may serve one database, in the database (<see cref="DatabaseLoginThrottle"/>), so the limits
/// hold for all of them together.
/// </summary>
internal interface ILoginThrottle
{
    /// <summary>
    /// Counts an attempt under <paramref name="key"/>. Null when the attempt is allowed; otherwise
    /// how long until the window ends, because the key already had <paramref name="limit"/>
    /// attempts in it.
    /// </summary>
    ValueTask<TimeSpan?> AcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken);
}
