namespace Parley.Authentication.Password;

/// <summary>
/// Throttling of password sign-in (<c>Parley:Auth:Login</c>), for both the password callback and
/// built-in accounts. Attempts are counted per account and per client address in fixed windows;
/// over either limit the answer is 429 with <c>Retry-After</c>. With PostgreSQL the counters are
/// in the database, so the limits hold for all instances together; with SQLite, in memory.
/// </summary>
public sealed class PasswordLoginOptions
{
    /// <summary>The configuration section.</summary>
    public const string ConfigurationSection = "Parley:Auth:Login";

    /// <summary>Sign-in attempts allowed per user name per <see cref="Window"/>. Default 10.</summary>
    public int AttemptsPerAccount { get; set; } = 10;

    /// <summary>
    /// Sign-in attempts allowed per client address per <see cref="Window"/> (an IPv6 client is its /64).
    /// Registrations are counted separately with the same limit. Default 30.
    /// </summary>
    public int AttemptsPerClient { get; set; } = 30;

    /// <summary>
    /// New anonymous users (guest sessions, when <c>Parley:Auth:AllowAnonymous</c>) allowed per
    /// client address per <see cref="Window"/>; past it <c>api/config</c> answers 429, so a script
    /// cannot fill the database with sessions. 0 turns the limit off. Default 100.
    /// </summary>
    public int AnonymousSessionsPerClient { get; set; } = 100;

    /// <summary>The counting window. Default 15 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Reverse proxies in front of Parley (addresses or CIDR ranges). When the TCP peer is one of
    /// them, the client address is the one it appended to <c>X-Forwarded-For</c>; otherwise that
    /// header is ignored. Empty (the default): the TCP peer is the client.
    /// </summary>
    public IList<string> TrustedProxies { get; set; } = [];
}
