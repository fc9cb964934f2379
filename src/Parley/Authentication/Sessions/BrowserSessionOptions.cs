namespace Parley.Authentication.Sessions;

/// <summary>
/// Browser session settings (<c>Parley:Auth:Session</c>). Sessions live in the database; the
/// cookie only refers to one. Both timeouts are enforced on the server at every request.
/// </summary>
public sealed class BrowserSessionOptions
{
    /// <summary>
    /// A session not used for this long ends. Activity is recorded at most once a minute (or
    /// every tenth of the timeout, if shorter), so a session may end up to that much early.
    /// Default 7 days.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A session ends this long after sign-in, however active. Default 30 days.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often the sessions of open chat connections are checked again, so a session revoked
    /// on another instance, expired, or whose user was disabled loses its connections within
    /// this time. Default 5 seconds.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(5);
}
