using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Parley.Hosting;

namespace Parley.Authentication.Modes;

/// <summary>
/// The <c>access_token</c> query parameter of a hub request, taken out of the URL before the
/// host saw it (see <see cref="HubAccessTokenHttpContextFactory"/>).
/// </summary>
internal sealed class HubAccessTokenFeature(IReadOnlyList<string> values)
{
    /// <summary>The token, or null when the parameter was repeated (which is refused, not guessed at).</summary>
    public string? Token => values.Count == 1 && values[0].Length > 0 ? values[0] : null;
}

/// <summary>
/// Browsers cannot put headers on a WebSocket handshake or an <c>EventSource</c> request, so
/// SignalR's JavaScript client sends the copilot token as <c>?access_token=</c> on those two.
/// Parley accepts it there and nowhere else: not on negotiate, long polling or the REST API,
/// where the client can and does send <c>Authorization: Bearer</c>.
/// </summary>
internal static class HubAccessToken
{
    public const string QueryName = "access_token";

    /// <summary>
    /// Whether the request is a Parley hub WebSocket or server-sent-events request that carried
    /// an access token in its URL; <paramref name="token"/> is null when it was repeated.
    /// </summary>
    public static bool TryGet(HttpContext context, out string? token)
    {
        token = null;
        var feature = context.Features.Get<HubAccessTokenFeature>();
        if (feature is null
            || context.GetEndpoint()?.Metadata.GetMetadata<ParleyEndpointMetadata>()?.Kind != ParleyEndpointKind.Hub
            || !IsStreamingTransport(context))
        {
            return false;
        }
        token = feature.Token;
        return true;
    }

    /// <summary>
    /// A WebSocket handshake (HTTP/1.1 upgrade or HTTP/2 extended CONNECT) or an EventSource
    /// request, read from the request itself: authorization runs before the hub's own WebSocket
    /// middleware, so <c>HttpContext.WebSockets</c> cannot tell yet.
    /// </summary>
    private static bool IsStreamingTransport(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method)
            && request.Headers.Upgrade.Any(value => string.Equals(value, "websocket", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        if (context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect
            && string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return HttpMethods.IsGet(request.Method)
            && request.Headers.Accept.Any(accept => accept is not null && accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase));
    }
}
