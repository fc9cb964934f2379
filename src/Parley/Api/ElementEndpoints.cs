using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Parley.Data;
using Parley.Files;

namespace Parley.Api;

/// <summary>Downloads of stored element bytes, for the element's owner only.</summary>
internal static class ElementEndpoints
{
    /// <summary>Types a browser may render on Parley's origin: media and plain text, never HTML, SVG or XML.</summary>
    private static readonly HashSet<string> InlineTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp",
        "audio/mpeg", "audio/wav", "audio/ogg", "audio/webm",
        "video/mp4", "video/webm",
        "application/pdf", "text/plain",
    };

    public static void Map(RouteGroupBuilder api) => api.MapGet("/elements/{elementId}", DownloadAsync);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        HttpContext context, string elementId, IElementStore elements, IFileStore files, CancellationToken cancellationToken)
    {
        var user = (await context.ParleyUserAsync())!;
        var element = await elements.GetForUserAsync(elementId, user.Id, cancellationToken);
        if (element?.StorageKey is null)
        {
            return ParleyHttp.NotFound("element");
        }
        var stream = await files.OpenReadAsync(element.StorageKey, cancellationToken);
        if (stream is null)
        {
            return ParleyHttp.NotFound("element");
        }
        var mime = element.Mime ?? "application/octet-stream";
        var baseType = mime.Split(';', 2)[0].Trim();
        var inline = InlineTypes.Contains(baseType);
        if (baseType == "text/plain")
        {
            mime = "text/plain; charset=utf-8";
        }
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        // The sandbox keeps anything that does get rendered from running script on Parley's origin;
        // PDF is exempt because the browser's viewer refuses sandboxed documents and runs no page script.
        if (baseType != "application/pdf")
        {
            headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";
        }
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(element.Name);
        headers.ContentDisposition = disposition.ToString();
        return TypedResults.Stream(stream, inline ? mime : "application/octet-stream", enableRangeProcessing: true);
    }
}
