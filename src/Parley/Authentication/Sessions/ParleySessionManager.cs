using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Hosting;
using Parley.Runtime;

namespace Parley.Authentication.Sessions;

/// <summary>Ends sessions in the database, then closes their connections on this instance.</summary>
internal sealed partial class ParleySessionManager(
    SqlSessionStore store,
    SessionConnections connections,
    ChatSessionRegistry chats,
    IOptions<ParleyOptions> options,
    TimeProvider time,
    ILogger<ParleySessionManager> logger) : IParleySessionManager
{
    public async Task<IReadOnlyList<ParleySessionInfo>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = time.GetUtcNow();
        var rows = await store.ListOpenAsync(userId, now, cancellationToken);
        return [.. rows
            .Where(row => SessionValidity.Evaluate(row, now, options.Value.Auth.Session) == SessionState.Valid)
            .Select(row => new ParleySessionInfo(
                row.Id,
                DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
                DateTimeOffset.FromUnixTimeMilliseconds(row.LastSeenAt),
                DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(row.ExpiresAt, row.CreatedAt + (long)options.Value.Auth.Session.AbsoluteTimeout.TotalMilliseconds)),
                DeviceLabel.From(row.UserAgent),
                row.IpAddress,
                row.AuthMode))];
    }

    public async Task<bool> RevokeAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var revoked = await RevokeWhereAsync("id = @Id AND user_id = @UserId", new { Id = sessionId, UserId = userId }, SessionRevocationReasons.Revoked, cancellationToken);
        return revoked > 0;
    }

    public Task<int> RevokeAllAsync(string userId, string? exceptSessionId = null, CancellationToken cancellationToken = default) =>
        RevokeAllAsync(userId, exceptSessionId, exceptSessionId is null ? SessionRevocationReasons.SignedOutEverywhere : SessionRevocationReasons.Revoked, cancellationToken);

    /// <summary>
    /// Ends every session of a user but <paramref name="exceptSessionId"/> for <paramref name="reason"/>
    /// (signed out everywhere, disabled, password changed…). With no exception the user's live
    /// chats end too: no session is left that could reconnect to them.
    /// </summary>
    public async Task<int> RevokeAllAsync(string userId, string? exceptSessionId, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var revoked = exceptSessionId is null
            ? await RevokeWhereAsync("user_id = @UserId", new { UserId = userId }, reason, cancellationToken)
            : await RevokeWhereAsync("user_id = @UserId AND id <> @Except", new { UserId = userId, Except = exceptSessionId }, reason, cancellationToken);
        if (exceptSessionId is null)
        {
            await chats.EndUserSessionsAsync(userId, reason);
        }
        return revoked;
    }

    /// <summary>Ends the session with this id, whoever's it is.</summary>
    public Task<int> RevokeByIdAsync(string sessionId, string reason, CancellationToken cancellationToken) =>
        RevokeWhereAsync("id = @Id", new { Id = sessionId }, reason, cancellationToken);

    /// <summary>Ends the session the cookie key with this hash refers to.</summary>
    public Task<int> RevokeByKeyHashAsync(string keyHash, string reason, CancellationToken cancellationToken) =>
        RevokeWhereAsync("key_hash = @KeyHash", new { KeyHash = keyHash }, reason, cancellationToken);

    /// <summary>Closes the open connections of a session found ended (expired, revoked elsewhere…).</summary>
    public void CloseConnections(string sessionId, string reason)
    {
        var closed = connections.Abort(sessionId);
        if (closed > 0)
        {
            Log.ConnectionsClosed(logger, closed, sessionId, reason);
        }
    }

    private async Task<int> RevokeWhereAsync(string condition, object parameters, string reason, CancellationToken cancellationToken)
    {
        // Not cancellable: a revocation the client gave up waiting for must still happen.
        var ids = await store.RevokeWhereAsync(condition, parameters, time.GetUtcNow(), reason, CancellationToken.None);
        foreach (var id in ids)
        {
            Log.Revoked(logger, id, reason);
            CloseConnections(id, reason);
        }
        return ids.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.SessionRevoked, Level = LogLevel.Information, Message = "Browser session {SessionId} ended ({Reason}).")]
        public static partial void Revoked(ILogger logger, string sessionId, string reason);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.SessionConnectionsClosed, Level = LogLevel.Information, Message = "Closed {Count} chat connection(s) of browser session {SessionId} ({Reason}).")]
        public static partial void ConnectionsClosed(ILogger logger, int count, string sessionId, string reason);
    }
}
