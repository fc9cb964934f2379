using Microsoft.AspNetCore.Http;
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

    private static bool IsStreamingTransport(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            return true;
        }
        var request = context.Request;
        return HttpMethods.IsGet(request.Method)
            && request.Headers.Accept.Any(accept => accept is not null && accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase));
    }
}
