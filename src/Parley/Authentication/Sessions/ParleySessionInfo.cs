namespace Parley.Authentication.Sessions;

/// <summary>An open browser session, as a user sees it in their session list.</summary>
/// <param name="Id">The session's public id (not the cookie's secret key).</param>
/// <param name="CreatedAt">When the user signed in.</param>
/// <param name="LastSeenAt">When the session was last used (recorded at most once a minute).</param>
/// <param name="ExpiresAt">When the session ends at the latest (the absolute timeout).</param>
/// <param name="Device">A label from the browser's user agent, such as "Firefox on Linux", or null.</param>
/// <param name="IpAddress">The client address at sign-in, or null.</param>
/// <param name="AuthMode">How the user signed in: <c>password</c>, <c>accounts</c>, <c>anonymous</c>, …, or null.</param>
public sealed record ParleySessionInfo(
    string Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    string? Device,
    string? IpAddress,
    string? AuthMode);
