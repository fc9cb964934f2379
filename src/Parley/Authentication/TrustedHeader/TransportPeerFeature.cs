using System.Net;

namespace Parley.Authentication.TrustedHeader;

/// <summary>
/// The request's TCP peer as the server reported it, captured before any middleware ran — in
/// particular before ForwardedHeadersMiddleware, which rewrites
/// <see cref="Microsoft.AspNetCore.Http.ConnectionInfo.RemoteIpAddress"/> from <c>X-Forwarded-For</c>.
/// </summary>
internal sealed class TransportPeerFeature(IPAddress? remoteIpAddress)
{
    /// <summary>The peer's address, or null when the transport has none (a Unix socket, for example).</summary>
    public IPAddress? RemoteIpAddress { get; } = remoteIpAddress;
}
