namespace Parley.Authentication;

/// <summary>Names of Parley's authentication schemes and policy.</summary>
public static class ParleyAuthenticationDefaults
{
    /// <summary>
    /// The scheme Parley's endpoints authenticate with: a policy scheme that forwards to the
    /// scheme that applies to the request (the browser session, a copilot token, a proxy header,
    /// or the host app's own scheme).
    /// </summary>
    public const string Scheme = "Parley";

    /// <summary>The browser session cookie scheme.</summary>
    public const string SessionScheme = "Parley.Session";

    /// <summary>The authorization policy every Parley endpoint but the public ones requires.</summary>
    public const string Policy = "Parley";

    /// <summary>The header the web UI sends the antiforgery token in.</summary>
    public const string AntiforgeryHeader = "X-Parley-CSRF";
}
