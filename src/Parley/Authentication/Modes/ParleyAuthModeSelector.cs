using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Parley.Hosting;

namespace Parley.Authentication.Modes;

/// <summary>
/// Chooses, per request, the scheme the <c>Parley</c> policy scheme forwards to. It is the
/// policy scheme's <c>ForwardDefaultSelector</c>, so authenticate, challenge and forbid all
/// agree on it.
/// </summary>
/// <remarks>
/// In order:
/// <list type="number">
/// <item>An <c>Origin</c> that is neither this site nor a copilot host site: the request is refused (403).</item>
/// <item>Copilot mode on and the request carries its own token (<c>Authorization: Bearer</c>, or
/// <c>access_token</c> on the hub's WebSocket or server-sent-events request), or it comes from a
/// copilot host site: the copilot scheme. Cross-origin requests are never authenticated by a
/// cookie or a proxy header, only by a token.</item>
/// <item>Header mode on and the TCP peer is a trusted proxy: the header scheme. It wins over any
/// cookie, so a stale session never outlives the proxy's user. A request that carries the user
/// header from any other peer goes there too, and is ignored (and logged) by it.</item>
/// <item>Host-app mode on: the host's own schemes.</item>
/// <item>Otherwise null: the policy scheme's <c>ForwardDefault</c>, Parley's session cookie.</item>
/// </list>
/// </remarks>
internal sealed class ParleyAuthModeSelector(ParleyAuthModes modes, OriginPolicy origins)
{
    private const string BearerPrefix = "Bearer ";

    public string? Select(HttpContext context)
    {
        var origin = origins.Classify(context.Request);
        if (origin == OriginVerdict.Refused)
        {
            return AuthModeNames.RefusedOriginScheme;
        }
        if (modes.CopilotScheme is { } copilot
            && (origin == OriginVerdict.AllowedCrossOrigin || HasBearerToken(context.Request) || HubAccessToken.TryGet(context, out _)))
        {
            return copilot;
        }
        if (origin == OriginVerdict.AllowedCrossOrigin)
        {
            // Allowed origins exist only for copilot tokens; start-up refuses them without copilot mode.
            return AuthModeNames.RefusedOriginScheme;
        }
        if (modes.HeaderScheme is { } header && (modes.IsFromTrustedProxy(context) || modes.CarriesUserHeader(context)))
        {
            // From anyone but a trusted proxy the header handler ignores the user header and logs
            // it; such a request is not signed in by any other means either.
            return header;
        }
        if (modes.HostAppEnabled)
        {
            return AuthModeNames.HostAppScheme;
        }
        return null;
    }

    /// <summary>Whether anonymous sign-in may happen on this request: it would fall through to the session cookie and no mode rules it out.</summary>
    public bool MayUseAnonymousSession(HttpContext context) =>
        modes.AnonymousAllowed && Select(context) is null && !HasBearerToken(context.Request);

    private static bool HasBearerToken(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization];
        return authorization.Count > 0
            && authorization.Any(value => value is not null && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase));
    }
}
