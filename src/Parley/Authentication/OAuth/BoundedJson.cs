using System.Net.Http.Headers;
using System.Text.Json;

namespace Parley.Authentication.OAuth;

/// <summary>
/// Reads a provider's JSON answers with bounds: size-limited, depth-limited, duplicate names refused
/// (a duplicated claim could be read one way here and another way elsewhere).
/// </summary>
internal static class BoundedJson
{
    /// <summary>The largest answer read from a provider: 256 KiB.</summary>
    public const int MaxResponseBytes = 256 * 1024;

    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    /// <summary>Sends <paramref name="request"/> and parses a JSON object answer; throws <see cref="OAuthSignInException"/> with <paramref name="failure"/> otherwise.</summary>
    /// <param name="allowErrorStatus">Whether an error status is acceptable when the body is an OAuth error response (an object with an <c>error</c> string).</param>
    /// <param name="array">Whether the answer is a JSON array rather than an object.</param>
    public static async Task<JsonDocument> SendAsync(HttpClient http, HttpRequestMessage request, OAuthFailure failure, CancellationToken cancellationToken, bool allowErrorStatus = false, bool array = false)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new OAuthSignInException(failure, $"{request.RequestUri?.GetLeftPart(UriPartial.Path)} could not be reached ({ex.GetType().Name})");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode && !allowErrorStatus)
            {
                throw new OAuthSignInException(failure, $"{request.RequestUri?.GetLeftPart(UriPartial.Path)} answered HTTP {(int)response.StatusCode}");
            }
            if (response.Content.Headers.ContentLength > MaxResponseBytes)
            {
                throw new OAuthSignInException(failure, "the answer is too large");
            }
            var buffer = new MemoryStream();
            await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                var chunk = new byte[16 * 1024];
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    if (buffer.Length + read > MaxResponseBytes)
                    {
                        throw new OAuthSignInException(failure, "the answer is too large");
                    }
                    buffer.Write(chunk, 0, read);
                }
            }
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), Options);
            }
            catch (JsonException)
            {
                throw new OAuthSignInException(failure, $"{request.RequestUri?.GetLeftPart(UriPartial.Path)} did not answer a JSON object (HTTP {(int)response.StatusCode})");
            }
            if (document.RootElement.ValueKind != (array ? JsonValueKind.Array : JsonValueKind.Object)
                || (!response.IsSuccessStatusCode && (array || document.RootElement.String("error") is null)))
            {
                document.Dispose();
                throw new OAuthSignInException(failure, $"{request.RequestUri?.GetLeftPart(UriPartial.Path)} answered an unexpected JSON {(array ? "value" : "value or status")} (HTTP {(int)response.StatusCode})");
            }
            return document;
        }
    }

    /// <summary>A string property, or null when it is absent or not a string.</summary>
    public static string? String(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
