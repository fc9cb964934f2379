using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Parley.Hosting;

/// <summary>How a request's <c>Origin</c> header relates to Parley.</summary>
internal enum OriginVerdict
{
    /// <summary>No <c>Origin</c> header, or this site's own origin.</summary>
    SameOrigin,

    /// <summary>One of <c>Parley:Auth:Copilot:AllowedOrigins</c>: a host site that embeds the copilot widget.</summary>
    AllowedCrossOrigin,

    /// <summary>Any other origin, <c>null</c>, a malformed or a repeated <c>Origin</c> header.</summary>
    Refused,
}

/// <summary>
/// Decides whether a request may come from the origin it says it comes from. Browsers send
/// <c>Origin</c> on every WebSocket handshake, every cross-origin <c>fetch</c> and every
/// <c>POST</c>, <c>PUT</c>, <c>PATCH</c> and <c>DELETE</c>; a script on another site cannot remove
/// or change it. So a request that names a foreign origin is one another site's page made with
/// the visitor's browser, and Parley refuses it.
/// </summary>
/// <remarks>
/// A request without <c>Origin</c> is allowed: it is a same-origin <c>GET</c>, a top-level
/// navigation, or a client that is not a browser (which could send any <c>Origin</c> it likes, so
/// requiring one would protect nothing).
/// </remarks>
internal sealed class OriginPolicy
{
    private readonly HashSet<string> _allowed;

    public OriginPolicy(IOptions<ParleyOptions> options)
    {
        _allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in options.Value.Auth.Copilot.AllowedOrigins)
        {
            if (TryNormalize(entry, out var origin, out _))
            {
                _allowed.Add(origin);
            }
        }
    }

    /// <summary>The copilot host sites' origins, normalized (<c>https://shop.example.com</c>).</summary>
    public IReadOnlyCollection<string> AllowedCrossOrigins => _allowed;

    public OriginVerdict Classify(HttpRequest request)
    {
        var values = request.Headers.Origin;
        if (values.Count == 0)
        {
            return OriginVerdict.SameOrigin;
        }
        if (values.Count > 1 || !TryParse(values[0], out var origin))
        {
            return OriginVerdict.Refused;
        }
        if (IsSameOrigin(origin, request))
        {
            return OriginVerdict.SameOrigin;
        }
        return _allowed.Contains(Serialize(origin)) ? OriginVerdict.AllowedCrossOrigin : OriginVerdict.Refused;
    }

    /// <summary>
    /// Parses a configured origin: <c>http</c> or <c>https</c>, a host, an optional port, nothing
    /// else (no path, not even <c>/</c>; no query, user or wildcard). Returns it lower-cased with
    /// the default port dropped, as browsers send it.
    /// </summary>
    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? origin, [NotNullWhen(false)] out string? error)
    {
        origin = null;
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = "is empty";
            return false;
        }
        if (text == "*" || text.Contains('*'))
        {
            error = "is a wildcard; list each host site's origin (https://shop.example.com) instead";
            return false;
        }
        if (string.Equals(text, "null", StringComparison.OrdinalIgnoreCase))
        {
            error = "is 'null', the origin of sandboxed frames and local files, which any page can claim";
            return false;
        }
        if (!TryParse(text, out var uri))
        {
            error = "is not an origin: write the scheme, host and port only, such as https://shop.example.com or http://localhost:3000, without a path or trailing slash";
            return false;
        }
        origin = Serialize(uri);
        error = null;
        return true;
    }

    private static bool TryParse(string? value, [NotNullWhen(true)] out Uri? origin)
    {
        origin = null;
        if (string.IsNullOrEmpty(value) || value.Length > 2048
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0
            || uri.Host.Length == 0)
        {
            return false;
        }
        // An origin is exactly scheme://host[:port]: anything after the authority (even "/") means it is a URL, not an origin.
        var authorityEnd = value.IndexOf("//", StringComparison.Ordinal) + 2;
        if (value.IndexOfAny(['/', '?', '#', '\\'], authorityEnd) >= 0)
        {
            return false;
        }
        origin = uri;
        return true;
    }

    private static string Serialize(Uri origin)
    {
        var host = origin.HostNameType == UriHostNameType.IPv6 ? origin.Host : origin.IdnHost;
        var port = origin.IsDefaultPort ? "" : ":" + origin.Port.ToString(CultureInfo.InvariantCulture);
        return $"{origin.Scheme}://{host.ToLowerInvariant()}{port}";
    }

    /// <summary>
    /// Same host and port as the request's <c>Host</c>. The scheme is compared only when the
    /// request itself is HTTPS: behind a proxy that terminates TLS, Parley sees <c>http</c> while the
    /// browser says <c>https</c>, and a page served over plain HTTP on this very host is no more
    /// than a network attacker could serve anyway.
    /// </summary>
    private static bool IsSameOrigin(Uri origin, HttpRequest request)
    {
        var host = request.Host;
        if (!host.HasValue)
        {
            return false;
        }
        if (request.IsHttps && origin.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }
        var originHost = origin.HostNameType == UriHostNameType.IPv6 ? origin.Host : origin.IdnHost;
        var requestHost = host.Host;
        if (!string.Equals(originHost, requestHost, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        // A Host header without a port means the default port of the scheme the browser used.
        var requestPort = host.Port ?? (origin.Scheme == Uri.UriSchemeHttps ? 443 : 80);
        return origin.Port == requestPort;
    }
}
