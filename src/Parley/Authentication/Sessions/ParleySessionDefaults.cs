namespace Parley.Authentication.Sessions;

/// <summary>Names used by Parley's server-side browser sessions.</summary>
public static class ParleySessionDefaults
{
    /// <summary>
    /// The claim that carries the public id of the browser session a principal was read from.
    /// Parley sets it when it reads a session; it is never taken from anything a client sends.
    /// </summary>
    public const string SessionIdClaimType = "parley:sid";

    /// <summary>The session cookie's name on plain HTTP (development).</summary>
    public const string CookieName = ".parley.session";

    /// <summary>
    /// The session cookie's name on HTTPS. The <c>__Host-</c> prefix makes the browser refuse the
    /// cookie unless it is Secure, has <c>Path=/</c> and no <c>Domain</c>, so a sibling subdomain
    /// or a plain-HTTP response cannot plant or overwrite it.
    /// </summary>
    public const string SecureCookieName = "__Host-parley.session";

    /// <summary>The configuration section of <see cref="BrowserSessionOptions"/>.</summary>
    public const string ConfigurationSection = "Parley:Auth:Session";

    /// <summary>
    /// The claim that carries an account's security stamp at sign-in (ASP.NET Core Identity's
    /// claim type). A session whose stamp no longer matches its account's is refused.
    /// </summary>
    public const string SecurityStampClaimType = "AspNet.Identity.SecurityStamp";
}
