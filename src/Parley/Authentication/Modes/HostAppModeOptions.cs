namespace Parley.Authentication.Modes;

/// <summary>
/// Host-app mode (<c>Parley:Auth:HostApp</c>): Parley is mapped inside an existing ASP.NET Core
/// app and uses that app's own sign-in (any authentication scheme). The host's
/// <see cref="System.Security.Claims.ClaimsPrincipal"/> becomes a Parley user through
/// <see cref="IParleyUserMapper"/>, which the host may replace.
/// </summary>
public sealed class HostAppModeOptions
{
    /// <summary>
    /// Turns host-app mode on (<c>Parley:Auth:HostApp:Enabled</c>). Default false. When on, nobody
    /// gets an anonymous user, the web UI sends visitors who are not signed in to the host's
    /// sign-in (its challenge), and the API and hub answer them 401.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The host's authentication schemes to accept, tried in order; the first that authenticates
    /// the request wins, and the first one's challenge is used (<c>Schemes</c>). Default: the
    /// host's default authenticate scheme (<c>AddAuthentication("Cookies")</c>).
    /// </summary>
    public IList<string> Schemes { get; set; } = new List<string>();
}
