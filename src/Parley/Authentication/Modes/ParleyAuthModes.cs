using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Parley.Authentication.Copilot;
using Parley.Authentication.TrustedHeader;
using Parley.Hosting;

namespace Parley.Authentication.Modes;

/// <summary>
/// Which sign-in modes are on, as the app was finally configured: a mode is on when its scheme is
/// registered, whether by its <c>Enabled</c> setting or by an explicit <c>AddParley…</c> call.
/// Built once, on first use.
/// </summary>
internal sealed class ParleyAuthModes
{
    private readonly IOptionsMonitor<TrustedHeaderOptions> _headerOptions;

    public ParleyAuthModes(
        IOptions<ParleyOptions> parley,
        IOptions<AuthenticationOptions> authentication,
        IOptionsMonitor<TrustedHeaderOptions> headerOptions)
    {
        _headerOptions = headerOptions;
        var schemes = authentication.Value.SchemeMap;
        var auth = parley.Value.Auth;
        CopilotScheme = schemes.ContainsKey(CopilotTokenDefaults.AuthenticationScheme) ? CopilotTokenDefaults.AuthenticationScheme : null;
        HeaderScheme = schemes.ContainsKey(TrustedHeaderDefaults.AuthenticationScheme) ? TrustedHeaderDefaults.AuthenticationScheme : null;
        HostAppEnabled = auth.HostApp.Enabled;
        HostAppSchemes = HostAppEnabled ? ResolveHostSchemes(auth.HostApp, authentication.Value) : [];
        HeaderAutoProvision = auth.Header.AutoProvision;
        AnonymousAllowed = auth.AllowAnonymous && HeaderScheme is null && !HostAppEnabled;

        List<string> names = [];
        if (AnonymousAllowed)
        {
            names.Add(AuthModeNames.Anonymous);
        }
        if (CopilotScheme is not null)
        {
            names.Add(AuthModeNames.Copilot);
        }
        if (HeaderScheme is not null)
        {
            names.Add(AuthModeNames.Header);
        }
        if (HostAppEnabled)
        {
            names.Add(AuthModeNames.HostApp);
        }
        Names = names;
    }

    /// <summary>The copilot token scheme, when copilot mode is on.</summary>
    public string? CopilotScheme { get; }

    /// <summary>The trusted-header scheme, when header mode is on.</summary>
    public string? HeaderScheme { get; }

    /// <summary>Whether host-app mode is on.</summary>
    public bool HostAppEnabled { get; }

    /// <summary>The host's schemes host-app mode accepts, in order (empty when the mode is off).</summary>
    public IReadOnlyList<string> HostAppSchemes { get; }

    /// <summary>Whether header mode creates users it sees for the first time (<c>Parley:Auth:Header:AutoProvision</c>).</summary>
    public bool HeaderAutoProvision { get; }

    /// <summary>
    /// Whether browsers that are not signed in get an anonymous user: <c>Parley:Auth:AllowAnonymous</c>,
    /// and neither header nor host-app mode on (both mean "only the users someone else signed in").
    /// </summary>
    public bool AnonymousAllowed { get; }

    /// <summary>The names <c>GET api/config</c> lists in <c>auth.modes</c>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Whether the request's TCP peer (as captured before any forwarded-headers processing) is a trusted proxy.</summary>
    public bool IsFromTrustedProxy(HttpContext context)
    {
        if (HeaderScheme is null)
        {
            return false;
        }
        var peer = context.Features.Get<TransportPeerFeature>()?.RemoteIpAddress;
        return peer is not null && _headerOptions.Get(HeaderScheme).TrustedProxyList.Contains(peer);
    }

    /// <summary>Whether the request carries the header mode's user header, whoever sent it.</summary>
    public bool CarriesUserHeader(HttpContext context) =>
        HeaderScheme is not null && context.Request.Headers.ContainsKey(_headerOptions.Get(HeaderScheme).UserHeader);

    /// <summary>
    /// Whether a principal authenticated with a token the client attaches itself, rather than a
    /// credential the browser sends on its own (a cookie, or a proxy's header). Such requests need
    /// no antiforgery token, and links to their files must be signed.
    /// </summary>
    /// <remarks>
    /// Read from the identity the copilot handler creates (its authentication type is the scheme),
    /// not from a claim alone, which a host app's principal might happen to carry.
    /// </remarks>
    public static bool IsBearerPrincipal(System.Security.Claims.ClaimsPrincipal principal) =>
        HasModeIdentity(principal, CopilotTokenDefaults.AuthenticationScheme, CopilotTokenDefaults.AuthMode);

    /// <summary>Whether a principal was named by a trusted proxy (the trusted-header handler's identity).</summary>
    public static bool IsHeaderPrincipal(System.Security.Claims.ClaimsPrincipal principal) =>
        HasModeIdentity(principal, TrustedHeaderDefaults.AuthenticationScheme, TrustedHeaderDefaults.AuthMode);

    private static bool HasModeIdentity(System.Security.Claims.ClaimsPrincipal principal, string scheme, string mode) =>
        principal.Identities.Any(identity => identity.IsAuthenticated
            && identity.AuthenticationType == scheme
            && identity.HasClaim(ParleyClaimTypes.AuthMode, mode));

    /// <summary>The host schemes: the configured list, else the host's default authenticate scheme.</summary>
    public static IReadOnlyList<string> ResolveHostSchemes(HostAppModeOptions options, AuthenticationOptions authentication)
    {
        var configured = options.Schemes.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        if (configured.Length > 0)
        {
            return configured;
        }
        var fallback = authentication.DefaultAuthenticateScheme ?? authentication.DefaultScheme;
        return fallback is null ? [] : [fallback];
    }

    /// <summary>The schemes Parley registers itself, which host-app mode must not forward to.</summary>
    public static bool IsParleyScheme(string scheme) =>
        scheme is ParleyAuthenticationDefaults.Scheme or ParleyAuthenticationDefaults.SessionScheme
            or AuthModeNames.HostAppScheme or AuthModeNames.RefusedOriginScheme
            or CopilotTokenDefaults.AuthenticationScheme or TrustedHeaderDefaults.AuthenticationScheme;
}
