using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Parley.Authentication.TrustedHeader;
using Parley.Hosting;

namespace Parley.Authentication.Sessions;

/// <summary>
/// The client's address for sign-in throttling and the session list: the TCP peer as Kestrel
/// saw it (captured before any forwarded-headers middleware could rewrite it), or, when that
/// peer is one of <c>Parley:Auth:Login:TrustedProxies</c>, the address that proxy appended to
/// <c>X-Forwarded-For</c>. A client's own <c>X-Forwarded-For</c> entries are never believed.
/// </summary>
internal sealed class ClientAddress(IOptions<ParleyOptions> options)
{
    private const int MaxForwardedEntries = 32;

    private readonly Lazy<TrustedProxyList> _proxies = new(() => TrustedProxyList.Parse(options.Value.Auth.Login.TrustedProxies));

    public IPAddress? Of(HttpContext context)
    {
        var current = Normalize(context.Features.Get<TransportPeerFeature>()?.RemoteIpAddress ?? context.Connection.RemoteIpAddress);
        if (current is null || !_proxies.Value.Contains(current))
        {
            return current;
        }
        // Walk X-Forwarded-For from the right: each trusted hop vouches for the entry before it.
        var entries = context.Request.Headers["X-Forwarded-For"]
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        for (var i = entries.Length - 1; i >= Math.Max(0, entries.Length - MaxForwardedEntries) && _proxies.Value.Contains(current); i--)
        {
            if (Parse(entries[i]) is not { } forwarded)
            {
                break;
            }
            current = forwarded;
        }
        return current;
    }

    /// <summary>
    /// The throttling bucket of an address: the address itself for IPv4, its /64 network for IPv6
    /// (one subscriber usually holds a whole /64, and could otherwise rotate through it).
    /// </summary>
    public static string Bucket(IPAddress? address)
    {
        if (address is null)
        {
            return "none";
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static IPAddress? Parse(string entry)
    {
        if (IPAddress.TryParse(entry, out var address) || (IPEndPoint.TryParse(entry, out var endpoint) && (address = endpoint.Address) is not null))
        {
            return Normalize(address);
        }
        return null;
    }

    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
