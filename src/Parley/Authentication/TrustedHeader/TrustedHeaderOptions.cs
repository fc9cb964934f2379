using Microsoft.AspNetCore.Authentication;

namespace Parley.Authentication.TrustedHeader;

/// <summary>
/// Options of trusted-header authentication, bound from <c>Parley:Auth:Header</c> and validated at start-up.
/// </summary>
/// <remarks>
/// An SSO proxy (oauth2-proxy, Authelia, Tailscale, nginx <c>auth_request</c>) authenticates the
/// user and passes who they are in request headers. Those headers are believed only when the
/// request's TCP peer is one of <see cref="TrustedProxies"/>; from any other peer they are ignored.
/// </remarks>
public sealed class TrustedHeaderOptions : AuthenticationSchemeOptions
{
    private TrustedProxyList? _trustedProxyList;

    /// <summary>The header naming the user's unique identifier (<c>UserHeader</c>). Default <c>X-WEBAUTH-USER</c>.</summary>
    public string UserHeader { get; set; } = TrustedHeaderDefaults.UserHeader;

    /// <summary>The header carrying the user's email (<c>EmailHeader</c>), or null for none. Default <c>X-WEBAUTH-EMAIL</c>.</summary>
    public string? EmailHeader { get; set; } = TrustedHeaderDefaults.EmailHeader;

    /// <summary>The header carrying the user's display name (<c>NameHeader</c>), or null for none. Default <c>X-WEBAUTH-NAME</c>.</summary>
    public string? NameHeader { get; set; } = TrustedHeaderDefaults.NameHeader;

    /// <summary>
    /// The header listing the user's groups, comma-separated (<c>GroupsHeader</c>, for example
    /// <c>X-WEBAUTH-GROUPS</c>); each becomes a role claim. Default none.
    /// </summary>
    public string? GroupsHeader { get; set; }

    /// <summary>
    /// The proxies whose requests are trusted (<c>TrustedProxies</c>): IPv4 or IPv6 addresses
    /// (<c>10.0.0.5</c>, <c>::1</c>) and CIDR ranges (<c>10.0.0.0/8</c>, <c>fd00::/8</c>). Compared with
    /// the request's TCP peer as the server saw it, before any forwarded-headers processing.
    /// Required: an empty list stops start-up.
    /// </summary>
    public IList<string> TrustedProxies { get; set; } = new List<string>();

    /// <summary>The parsed <see cref="TrustedProxies"/>, built once: options are not changed after validation.</summary>
    internal TrustedProxyList TrustedProxyList =>
        LazyInitializer.EnsureInitialized(ref _trustedProxyList, () => TrustedProxyList.Parse(TrustedProxies));
}
