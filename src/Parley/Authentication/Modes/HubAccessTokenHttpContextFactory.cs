using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Parley.Hosting;

namespace Parley.Authentication.Modes;

/// <summary>
/// Takes <c>access_token</c> out of the URL of requests to a Parley app's hub and API before the
/// host logs the request line, and keeps it in a <see cref="HubAccessTokenFeature"/> for the
/// copilot handler (which accepts it only on the hub's WebSocket and server-sent-events requests).
/// </summary>
/// <remarks>
/// ASP.NET Core logs "Request starting … {path}{query}" when it creates the request's
/// <see cref="HttpContext"/>, before any middleware runs, and request logging, W3C logs,
/// traces and error pages all read the same query. Rewriting the query where the context is
/// created is the one place that keeps a bearer token out of every one of them. The API is
/// covered too, so that a client that wrongly puts its token in a REST URL (where it is refused)
/// does not leak it into the log either. Only the mapped apps' hub and API paths are touched; the
/// host app's own requests pass through unchanged.
/// </remarks>
internal sealed class HubAccessTokenHttpContextFactory(IHttpContextFactory inner, IServiceProvider services) : IHttpContextFactory
{
    private const string Marker = HubAccessToken.QueryName;
    private ParleyRequestPaths? _paths;

    public HttpContext Create(IFeatureCollection featureCollection)
    {
        Capture(featureCollection);
        return inner.Create(featureCollection);
    }

    public void Dispose(HttpContext httpContext) => inner.Dispose(httpContext);

    private void Capture(IFeatureCollection features)
    {
        var request = features.Get<IHttpRequestFeature>();
        if (request is null
            || request.QueryString.Length <= Marker.Length
            || !request.QueryString.Contains(Marker, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        _paths ??= services.GetService<ParleyRequestPaths>();
        if (_paths is null || !_paths.IsApiOrHub(ParleyRequestPaths.FullPath(request.PathBase, request.Path)))
        {
            return;
        }

        var (kept, tokens) = Split(request.QueryString);
        if (tokens.Count == 0)
        {
            return;
        }
        request.QueryString = kept;
        var rawTarget = request.RawTarget;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        request.RawTarget = (queryStart < 0 ? rawTarget : rawTarget[..queryStart]) + kept;
        features.Set(new HubAccessTokenFeature(tokens));
    }

    /// <summary>Splits a query ("?a=1&amp;access_token=x") into what stays ("?a=1") and the token values.</summary>
    internal static (string Kept, List<string> Tokens) Split(string queryString)
    {
        var kept = new StringBuilder();
        var tokens = new List<string>();
        foreach (var pair in queryString.TrimStart('?').Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            if (string.Equals(name, Marker, StringComparison.OrdinalIgnoreCase))
            {
                tokens.Add(equals < 0 ? "" : Decode(pair[(equals + 1)..]));
                continue;
            }
            kept.Append(kept.Length == 0 ? '?' : '&').Append(pair);
        }
        return (kept.ToString(), tokens);
    }

    private static string Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return value;
        }
    }
}
