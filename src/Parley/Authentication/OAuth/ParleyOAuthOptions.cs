namespace Parley.Authentication.OAuth;

/// <summary>
/// OAuth 2.0 and OpenID Connect sign-in (<c>Parley:Auth:OAuth</c>), validated at start-up.
/// </summary>
/// <example><code>
/// "Parley": { "Auth": { "OAuth": {
///   "PublicOrigin": "https://chat.example.com",
///   "Providers": { "google": { "ClientId": "…", "ClientSecret": "…" } } } } }
/// </code></example>
public sealed class ParleyOAuthOptions
{
    /// <summary>
    /// The providers, by id (<c>Providers:{id}</c>): lowercase letters, digits and <c>-</c>, as
    /// used in <c>{app}/api/auth/oauth/{id}/start</c>. Each shows as a button on the login page.
    /// </summary>
    public IDictionary<string, OAuthProviderOptions> Providers { get; set; } = new Dictionary<string, OAuthProviderOptions>(StringComparer.Ordinal);

    /// <summary>
    /// The origin users reach Parley at (<c>PublicOrigin</c>), e.g. <c>https://chat.example.com</c>:
    /// callback URLs are built on it, never on the request's Host header. When unset, the origin
    /// comes from <c>X-Forwarded-Proto</c>/<c>X-Forwarded-Host</c> of requests from
    /// <see cref="TrustedProxies"/>; failing that, only a loopback Host (<c>localhost</c>,
    /// <c>127.0.0.1</c>, <c>[::1]</c>, for development) is used and any other host is refused.
    /// </summary>
    public string? PublicOrigin { get; set; }

    /// <summary>
    /// Reverse proxies whose <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> headers are believed
    /// when <see cref="PublicOrigin"/> is unset (<c>TrustedProxies</c>): addresses or CIDR ranges,
    /// compared with the TCP peer.
    /// </summary>
    public IList<string> TrustedProxies { get; set; } = new List<string>();

    /// <summary>How long a provider's discovery document and keys are used before being fetched again (<c>DiscoveryRefreshInterval</c>). Default 24 hours.</summary>
    public TimeSpan DiscoveryRefreshInterval { get; set; } = ParleyOAuthDefaults.DiscoveryRefreshInterval;

    /// <summary>
    /// The least time between two key fetches caused by an ID token signed with an unknown key
    /// (<c>KeysRefreshMinimumInterval</c>). Default 5 minutes.
    /// </summary>
    public TimeSpan KeysRefreshMinimumInterval { get; set; } = ParleyOAuthDefaults.KeysRefreshMinimumInterval;

    /// <summary>
    /// The application's hook, run on every sign-in through a provider (not on linking) after the
    /// provider's answer was validated and before the user is signed in: it can deny the sign-in
    /// (<see cref="OAuthLoginContext.Deny"/>) or change the user's name, email, metadata and roles.
    /// Chainlit's <c>oauth_callback</c>. Not bound from configuration.
    /// </summary>
    public Func<OAuthLoginContext, Task>? OnOAuthLogin { get; set; }
}
