using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Parley.Authentication.Modes;
using Parley.Data;
using Parley.Files;

namespace Parley.Api;

/// <summary>
/// Downloads of stored element bytes, for the element's owner only: the signed-in user, or the
/// user a signed link (<c>?sig=</c>, see <see cref="SignedElementUrls"/>) was made for.
/// </summary>
internal static partial class ElementEndpoints
{
    /// <summary>Types a browser may render on Parley's origin: media and plain text, never HTML, SVG or XML.</summary>
    private static readonly HashSet<string> InlineTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp",
        "audio/mpeg", "audio/wav", "audio/ogg", "audio/webm",
        "video/mp4", "video/webm",
        "application/pdf", "text/plain",
    };

    /// <summary>
    /// Maps the download. A signed link stands in for authentication (an <c>&lt;img src&gt;</c> in
    /// the copilot widget cannot send a token), so the endpoint allows anonymous callers and
    /// checks itself: the API filter still refuses a request with neither a user nor a signature.
    /// </summary>
    public static void Map(RouteGroupBuilder api) => api.MapGet("/elements/{elementId}", DownloadAsync)
        .AllowAnonymous()
        .WithMetadata(SignedElementUrls.EndpointMetadata);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        HttpContext context, string elementId, IElementStore elements, IFileStore files, IUserStore users,
        SignedElementUrls signedUrls, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        string userId;
        if (context.Request.Query.TryGetValue(SignedElementUrls.QueryName, out var signatures))
        {
            // A signature is judged alone, whoever is signed in: an expired, tampered or foreign one is a missing file.
            var signedFor = signatures.Count == 1 ? signedUrls.Verify(elementId, signatures[0] ?? "") : null;
            if (signedFor is null || await users.FindByIdAsync(signedFor, cancellationToken) is not { Disabled: false })
            {
                Log.SignatureRejected(loggers.CreateLogger(typeof(ElementEndpoints)));
                return ParleyHttp.NotFound("element");
            }
            userId = signedFor;
        }
        else
        {
            userId = (await context.ParleyUserAsync())!.Id;
        }
        var element = await elements.GetForUserAsync(elementId, userId, cancellationToken);
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

    private static partial class Log
    {
        [LoggerMessage(EventId = Authentication.ParleyAuthenticationEventIds.SignedElementUrlRejected, Level = LogLevel.Information,
            Message = "A signed file link was refused: expired, altered, made for another file, or its user is disabled.")]
        public static partial void SignatureRejected(ILogger logger);
    }
}
