using System.Net;
using System.Net.Sockets;

namespace Parley.Authentication.TrustedHeader;

/// <summary>The trusted proxy addresses and ranges, and the test of a peer against them.</summary>
internal sealed class TrustedProxyList
{
    private readonly IPNetwork[] _networks;

    private TrustedProxyList(IPNetwork[] networks) => _networks = networks;

    /// <summary>Parses entries that passed <see cref="TryParseEntry"/>.</summary>
    public static TrustedProxyList Parse(IEnumerable<string> entries) =>
        new(entries.Select(entry => TryParseEntry(entry, out var network, out var error)
            ? network
            : throw new FormatException($"'{entry}' {error}.")).ToArray());

    /// <summary>
    /// Parses an address (<c>10.0.0.5</c>, <c>::1</c>) or a CIDR range (<c>10.0.0.0/8</c>). Short
    /// IPv4 forms that <see cref="IPAddress.Parse(string)"/> accepts ("10.1" is 10.0.0.1) are refused
    /// because they rarely mean what was meant; so are ranges of every address.
    /// </summary>
    public static bool TryParseEntry(string? entry, out IPNetwork network, out string? error)
    {
        network = default;
        error = null;
        var text = entry?.Trim() ?? "";
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (addressText.Contains('%'))
        {
            error = "has an IPv6 zone id; list the address without it";
            return false;
        }

        var looksComplete = addressText.Contains(':') || addressText.Count(c => c == '.') == 3;
        if (!looksComplete || !IPAddress.TryParse(addressText, out var address))
        {
            error = "is not an IPv4 or IPv6 address or CIDR range";
            return false;
        }

        if (slash < 0)
        {
            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        if (!IPNetwork.TryParse(text, out network))
        {
            error = "is not a valid CIDR range";
            return false;
        }
        if (!network.BaseAddress.Equals(address))
        {
            // IPNetwork silently clears host bits; "10.0.0.1/8" more likely means one proxy than a /8.
            error = $"has host bits set: write {address} for one proxy or {network} for the whole range";
            return false;
        }
        if (network.PrefixLength == 0)
        {
            error = "trusts every address, which lets any client choose its identity";
            return false;
        }
        return true;
    }

    /// <summary>Whether <paramref name="peer"/> is a trusted proxy. An IPv4-mapped IPv6 peer (<c>::ffff:10.0.0.1</c>) is its IPv4 address.</summary>
    public bool Contains(IPAddress? peer)
    {
        if (peer is null)
        {
            return false;
        }
        var ipv4 = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        var ipv6 = ipv4.AddressFamily == AddressFamily.InterNetwork ? ipv4.MapToIPv6() : null;
        foreach (var network in _networks)
        {
            if (network.Contains(ipv4) || (ipv6 is not null && network.Contains(ipv6)))
            {
                return true;
            }
        }
        return false;
    }
}
