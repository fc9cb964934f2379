using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Authentication.TrustedHeader;

/// <summary>
/// Authenticates requests from a trusted SSO proxy by the user headers it sets. The identity is
/// read afresh on every request, so a user switch at the proxy takes effect at once.
/// </summary>
/// <remarks>
/// From a peer that is not a trusted proxy the headers are ignored (no result, not a failure):
/// such a peer is a client, and clients choose their own headers. A trusted proxy's request
/// with a malformed or repeated user header fails, since the proxy is then misbehaving.
/// </remarks>
internal sealed partial class TrustedHeaderHandler(
    IOptionsMonitor<TrustedHeaderOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<TrustedHeaderOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(Authenticate());

    private AuthenticateResult Authenticate()
    {
        var headers = Request.Headers;
        var userPresent = headers.ContainsKey(Options.UserHeader);
        var peer = Context.Features.Get<TransportPeerFeature>();
        if (peer is null)
        {
            if (userPresent)
            {
                Log.PeerUnknown(Logger, Scheme.Name);
            }
            return AuthenticateResult.NoResult();
        }

        if (!Options.TrustedProxyList.Contains(peer.RemoteIpAddress))
        {
            if (userPresent)
            {
                Log.IgnoredFromUntrustedPeer(Logger, Scheme.Name, Options.UserHeader, peer.RemoteIpAddress?.ToString() ?? "(none)");
            }
            return AuthenticateResult.NoResult();
        }

        if (!userPresent)
        {
            return AuthenticateResult.NoResult();
        }

        string? problem = null;
        // A comma means two values folded into one (or a proxy that appended to the client's header
        // instead of replacing it), so it is refused rather than read as part of a name.
        var user = ReadHeader(headers, Options.UserHeader, static v => !v.Contains(',') && ClaimValueRules.IsValidIdentifier(v),
            "is not one valid user identifier (at most 256 characters, no commas, control characters or surrounding spaces)", ref problem);
        var email = ReadHeader(headers, Options.EmailHeader, ClaimValueRules.IsValidEmail, "is not a valid email address", ref problem);
        var name = ReadHeader(headers, Options.NameHeader, ClaimValueRules.IsValidDisplayName,
            "is not a valid display name (at most 256 characters, no control characters)", ref problem);
        var groups = ParseGroups(ReadHeader(headers, Options.GroupsHeader, static _ => true, "", ref problem), ref problem);
        if (problem is not null)
        {
            Log.Rejected(Logger, Scheme.Name, problem);
            return AuthenticateResult.Fail($"The trusted header {problem}.");
        }
        if (user is null)
        {
            return AuthenticateResult.NoResult();
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user, ClaimValueTypes.String, ClaimsIssuer),
            new(ParleyClaimTypes.AuthMode, TrustedHeaderDefaults.AuthMode, ClaimValueTypes.String, ClaimsIssuer),
        };
        if (name is not null)
        {
            claims.Add(new Claim(ClaimTypes.Name, name, ClaimValueTypes.String, ClaimsIssuer));
        }
        if (email is not null)
        {
            claims.Add(new Claim(ClaimTypes.Email, email, ClaimValueTypes.String, ClaimsIssuer));
        }
        claims.AddRange(groups.Select(group => new Claim(ClaimTypes.Role, group, ClaimValueTypes.String, ClaimsIssuer)));

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        Log.Accepted(Logger, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>
    /// Reads a header that must appear at most once with a valid value. An unconfigured or absent
    /// header reads as null; so does every header once a problem was found.
    /// </summary>
    private static string? ReadHeader(IHeaderDictionary headers, string? name, Func<string, bool> isValid, string complaint, ref string? problem)
    {
        if (problem is not null || string.IsNullOrEmpty(name) || !headers.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }
        if (values.Count > 1)
        {
            problem = $"{name} appears more than once";
            return null;
        }
        var value = values[0];
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = $"{name} is empty";
            return null;
        }
        if (!isValid(value))
        {
            problem = $"{name} {complaint}";
            return null;
        }
        return value;
    }

    private IReadOnlyList<string> ParseGroups(string? list, ref string? problem)
    {
        if (list is null)
        {
            return [];
        }

        var groups = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (groups.Length > TrustedHeaderDefaults.MaximumGroups)
        {
            problem = $"{Options.GroupsHeader} lists more than {TrustedHeaderDefaults.MaximumGroups} groups";
            return [];
        }
        if (!groups.All(ClaimValueRules.IsValidIdentifier))
        {
            problem = $"{Options.GroupsHeader} has a group name that is not valid (at most 256 characters, no control characters)";
            return [];
        }
        return groups.Distinct(StringComparer.Ordinal).ToArray();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.TrustedHeaderIgnoredFromUntrustedPeer, Level = LogLevel.Warning,
            Message = "{AuthenticationScheme} ignored the {UserHeader} header from {Peer}, which is not in Parley:Auth:Header:TrustedProxies.")]
        public static partial void IgnoredFromUntrustedPeer(ILogger logger, string authenticationScheme, string userHeader, string peer);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.TrustedHeaderRejected, Level = LogLevel.Information,
            Message = "{AuthenticationScheme} rejected a request from a trusted proxy: the header {Problem}.")]
        public static partial void Rejected(ILogger logger, string authenticationScheme, string problem);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.TrustedHeaderAccepted, Level = LogLevel.Debug,
            Message = "{AuthenticationScheme} authenticated a request from a trusted proxy.")]
        public static partial void Accepted(ILogger logger, string authenticationScheme);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.TrustedHeaderPeerUnknown, Level = LogLevel.Warning,
            Message = "{AuthenticationScheme} ignored the user header: the TCP peer was not captured. Register the scheme with AddParleyTrustedHeader, which installs the capture.")]
        public static partial void PeerUnknown(ILogger logger, string authenticationScheme);
    }
}
