namespace Parley.Authentication.Sessions;

/// <summary>
/// A row of <c>parley_sessions</c>, with the two facts about its user that decide whether it
/// still holds: whether the user is disabled and the account's current security stamp.
/// </summary>
/// <remarks>Settable properties, not a positional record: SQLite returns integers as Int64, PostgreSQL INTEGER as Int32.</remarks>
internal sealed class SessionRow
{
    public string Id { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string UserId { get; set; } = "";
    public string? AuthMode { get; set; }
    public long CreatedAt { get; set; }
    public long LastSeenAt { get; set; }
    public long ExpiresAt { get; set; }
    public long IdleTimeoutMs { get; set; }
    public long? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public string? UserAgent { get; set; }
    public string? IpAddress { get; set; }
    public string? SecurityStamp { get; set; }
    public string Ticket { get; set; } = "";

    /// <summary>From <c>users.disabled</c>.</summary>
    public long UserDisabled { get; set; }

    /// <summary>From <c>accounts.security_stamp</c>; null when the user has no built-in account.</summary>
    public string? AccountStamp { get; set; }
}

/// <summary>Whether a session still holds, and if not, why.</summary>
internal enum SessionState
{
    Valid,
    Revoked,
    Expired,
    Idle,
    UserDisabled,
    StampChanged,
}

/// <summary>The one place that decides whether a session holds at an instant.</summary>
internal static class SessionValidity
{
    /// <summary>
    /// Evaluates <paramref name="row"/> at <paramref name="now"/>. The stricter of the timeouts
    /// stored with the session and the ones configured now applies, so shortening a timeout in
    /// configuration takes effect for sessions already issued.
    /// </summary>
    public static SessionState Evaluate(SessionRow row, DateTimeOffset now, BrowserSessionOptions options)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        if (row.RevokedAt is not null)
        {
            return SessionState.Revoked;
        }
        if (row.UserDisabled != 0)
        {
            return SessionState.UserDisabled;
        }
        if (row.SecurityStamp is not null && !string.Equals(row.SecurityStamp, row.AccountStamp, StringComparison.Ordinal))
        {
            return SessionState.StampChanged;
        }
        var expiresAt = Math.Min(row.ExpiresAt, row.CreatedAt + (long)options.AbsoluteTimeout.TotalMilliseconds);
        if (nowMs >= expiresAt)
        {
            return SessionState.Expired;
        }
        var idle = Math.Min(row.IdleTimeoutMs, (long)options.IdleTimeout.TotalMilliseconds);
        return nowMs - row.LastSeenAt >= idle ? SessionState.Idle : SessionState.Valid;
    }

    /// <summary>
    /// How stale <c>last_seen_at</c> may get before a request records activity: a minute, or a
    /// tenth of the idle timeout if shorter. Writing on every request would turn each read into a write.
    /// </summary>
    public static TimeSpan TouchInterval(BrowserSessionOptions options) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, options.IdleTimeout.Ticks / 10));

    /// <summary>The reason recorded when a session is found no longer valid.</summary>
    public static string ReasonOf(SessionState state) => state switch
    {
        SessionState.Expired => SessionRevocationReasons.Expired,
        SessionState.Idle => SessionRevocationReasons.Idle,
        SessionState.UserDisabled => SessionRevocationReasons.UserDisabled,
        SessionState.StampChanged => SessionRevocationReasons.SecurityStampChanged,
        _ => SessionRevocationReasons.Revoked,
    };
}

/// <summary>Values of <c>parley_sessions.revoked_reason</c>.</summary>
internal static class SessionRevocationReasons
{
    public const string SignedOut = "signed_out";
    public const string SignedOutEverywhere = "signed_out_everywhere";
    public const string Revoked = "revoked";
    public const string Replaced = "replaced";
    public const string Expired = "expired";
    public const string Idle = "idle";
    public const string UserDisabled = "user_disabled";
    public const string SecurityStampChanged = "security_stamp_changed";
    public const string PasswordChanged = "password_changed";
}
