using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Hosting;

namespace Parley.Authentication.Sessions;

/// <summary>
/// Checks the sessions of open chat connections every <see cref="BrowserSessionOptions.RevalidationInterval"/>
/// and closes the connections of those that no longer hold: revoked on another instance, expired,
/// idle, user disabled, or security stamp changed. A WebSocket is authenticated once, when it
/// opens; this is what keeps it from outliving its session. Also records chat activity for the
/// idle timeout and deletes long-dead session rows.
/// </summary>
internal sealed partial class SessionRevalidationService(
    SqlSessionStore store,
    SessionConnections connections,
    ParleySessionManager sessions,
    IOptions<ParleyOptions> options,
    TimeProvider time,
    ILogger<SessionRevalidationService> logger) : BackgroundService
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    // Ended sessions are kept a day, so a user can still see why a session went away in logs and support can look it up.
    private static readonly TimeSpan KeepEnded = TimeSpan.FromDays(1);

    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Auth.Session.RevalidationInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RevalidateAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.Failed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One pass: close connections of ended sessions, record activity, purge now and then.</summary>
    internal async Task RevalidateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value.Auth.Session;
        var active = connections.TakeActive();
        var ids = connections.SessionIds.Union(active).ToList();
        if (ids.Count > 0)
        {
            var rows = (await store.GetAsync(ids, cancellationToken)).ToDictionary(row => row.Id, StringComparer.Ordinal);
            foreach (var id in ids)
            {
                if (!rows.TryGetValue(id, out var row))
                {
                    sessions.CloseConnections(id, "deleted");
                    continue;
                }
                var state = SessionValidity.Evaluate(row, now, settings);
                if (state == SessionState.Valid)
                {
                    if (active.Contains(id) && now.ToUnixTimeMilliseconds() - row.LastSeenAt >= (long)SessionValidity.TouchInterval(settings).TotalMilliseconds)
                    {
                        await store.TouchAsync(id, now, cancellationToken);
                    }
                }
                else if (state == SessionState.Revoked)
                {
                    sessions.CloseConnections(id, row.RevokedReason ?? SessionRevocationReasons.Revoked);
                }
                else
                {
                    await sessions.RevokeByIdAsync(id, SessionValidity.ReasonOf(state), cancellationToken);
                }
            }
        }

        if (now - _lastPurge >= PurgeEvery)
        {
            _lastPurge = now;
            var purged = await store.PurgeAsync(now - KeepEnded, cancellationToken);
            if (purged > 0)
            {
                Log.Purged(logger, purged);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.SessionRevalidationFailed, Level = LogLevel.Error, Message = "Checking the sessions of open chat connections failed; retrying at the next interval.")]
        public static partial void Failed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.SessionsPurged, Level = LogLevel.Debug, Message = "Deleted {Count} ended browser session(s).")]
        public static partial void Purged(ILogger logger, int count);
    }
}
