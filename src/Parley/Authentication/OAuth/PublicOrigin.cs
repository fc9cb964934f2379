using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Parley.Authentication.TrustedHeader;

namespace Parley.Authentication.OAuth;

/// <summary>
/// The origin callback URLs are built on: the configured <see cref="ParleyOAuthOptions.PublicOrigin"/>;
/// else the forwarded headers of a trusted proxy; else a loopback Host header (development). Never
/// an arbitrary Host header, which a client chooses.
/// </summary>
internal sealed class PublicOrigin
{
    private readonly string? _configured;
    private readonly TrustedProxyList _proxies;

    public PublicOrigin(IOptions<ParleyOAuthOptions> options)
    {
        _configured = options.Value.PublicOrigin is { } origin ? Normalize(origin) : null;
        _proxies = TrustedProxyList.Parse(options.Value.TrustedProxies);
    }

    /// <summary><c>scheme://host[:port]</c> for <paramref name="context"/>, or null when no trustworthy origin is known.</summary>
    public string? Resolve(HttpContext context)
    {
        if (_configured is not null)
        {
            return _configured;
        }
        var request = context.Request;
        var peer = context.Features.Get<TransportPeerFeature>()?.RemoteIpAddress ?? context.Connection.RemoteIpAddress;
        if (_proxies.Contains(peer))
        {
            var scheme = Single(request.Headers["X-Forwarded-Proto"]) ?? request.Scheme;
            var host = Single(request.Headers["X-Forwarded-Host"]) ?? request.Host.Value;
            return host is null ? null : Normalize($"{scheme}://{host}");
        }
        return request.Host.HasValue && IsLoopback(request.Host.Host) ? Normalize($"{request.Scheme}://{request.Host.Value}") : null;
    }

    /// <summary>The origin <paramref name="value"/> names (lowercase, default port dropped), or null if it is not just an origin.</summary>
    public static string? Normalize(string value)
    {
        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\')
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0
            || uri.AbsolutePath != "/" || value.TrimEnd('/').EndsWith('?') || value.Contains('#')
            || uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            return null;
        }
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    private static string? Single(StringValues values) =>
        values.Count == 1 && !string.IsNullOrEmpty(values[0]) && !values[0]!.Contains(',') ? values[0]!.Trim() : null;

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
