using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Data;

namespace Parley.Authentication.Password;

/// <summary>
/// Fixed-window attempt counters in the <c>login_throttle</c> table, shared by every instance on
/// the database: N instances behind a load balancer enforce one limit, not N. Each attempt is one
/// atomic upsert that starts a new window when the old one has ended and returns the count, so
/// concurrent attempts on several instances cannot all slip under the limit.
/// </summary>
/// <remarks>
/// When the database fails, the attempt is counted in this instance's memory instead and a
/// warning is logged (event 1504): attempts stay throttled, per instance as with SQLite, never
/// unthrottled. Failing closed (refusing every attempt) was rejected: while the database is down
/// sign-in fails anyway, since it writes a session row, so refusing would protect nothing more;
/// and when only the throttle's statement fails (a lock or statement timeout, a damaged table) it
/// would lock every user out until someone repaired it.
/// Windows are measured on each instance's <see cref="TimeProvider"/>; clock skew between
/// instances moves a window's end by the skew, no more.
/// </remarks>
internal sealed partial class DatabaseLoginThrottle(
    SqlDatabase database,
    MemoryLoginThrottle fallback,
    TimeProvider time,
    ILogger<DatabaseLoginThrottle> logger) : ILoginThrottle
{
    // Expired rows mean nothing; an instance deletes them at most this often, on an attempt.
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    private long _nextPurge = long.MinValue;

    /// <inheritdoc />
    public async ValueTask<TimeSpan?> AcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        Counter counter;
        try
        {
            counter = await CountAsync(Hash(key), now, now + (long)window.TotalMilliseconds, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.CountingFailed(logger, ex);
            return await fallback.AcquireAsync(key, limit, window, cancellationToken);
        }
        await PurgeNowAndThenAsync(now, cancellationToken);
        return counter.Attempts <= limit ? null : TimeSpan.FromMilliseconds(counter.ExpiresAt - now);
    }

    private Task<Counter> CountAsync(string keyHash, long now, long windowEnd, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.QuerySingleAsync<Counter>(new CommandDefinition(
            """
            INSERT INTO login_throttle (key_hash, attempts, expires_at)
            VALUES (@KeyHash, 1, @WindowEnd)
            ON CONFLICT (key_hash) DO UPDATE SET
                attempts = CASE WHEN login_throttle.expires_at <= @Now THEN 1 ELSE login_throttle.attempts + 1 END,
                expires_at = CASE WHEN login_throttle.expires_at <= @Now THEN excluded.expires_at ELSE login_throttle.expires_at END
            RETURNING attempts AS Attempts, expires_at AS ExpiresAt
            """,
            new { KeyHash = keyHash, Now = now, WindowEnd = windowEnd }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    private async Task PurgeNowAndThenAsync(long now, CancellationToken cancellationToken)
    {
        var due = Interlocked.Read(ref _nextPurge);
        // One request per instance and period does it; instances racing to delete the same rows is harmless.
        if (now < due || Interlocked.CompareExchange(ref _nextPurge, now + (long)PurgeEvery.TotalMilliseconds, due) != due)
        {
            return;
        }
        try
        {
            var purged = await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM login_throttle WHERE expires_at <= @Now",
                new { Now = now }, transaction, cancellationToken: cancellationToken)), cancellationToken);
            if (purged > 0)
            {
                Log.Purged(logger, purged);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.PurgeFailed(logger, ex);
        }
    }

    private static string Hash(string key) => Sha256.Hex(key);

    private sealed record Counter(long Attempts, long ExpiresAt);

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.LoginThrottleFailed, Level = LogLevel.Warning,
            Message = "Counting a sign-in attempt in the database failed; it was counted in this instance's memory instead, so limits are per instance until the database answers again.")]
        public static partial void CountingFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.LoginThrottlePurged, Level = LogLevel.Debug, Message = "Deleted {Count} expired sign-in throttle counter(s).")]
        public static partial void Purged(ILogger logger, int count);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.LoginThrottlePurgeFailed, Level = LogLevel.Warning, Message = "Deleting expired sign-in throttle counters failed; retrying later.")]
        public static partial void PurgeFailed(ILogger logger, Exception exception);
    }
}
