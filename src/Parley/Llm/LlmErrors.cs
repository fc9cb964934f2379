using System.ClientModel;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Parley.Llm;

/// <summary>
/// Turns what a model call can throw into an <see cref="LlmException"/> whose message is fit for
/// the chat. The provider's response body never reaches the message or the logs: OpenAI's 401
/// answer echoes part of the key.
/// </summary>
internal static partial class LlmErrors
{
    public static LlmException Classify(Exception exception, string? endpoint = null) => exception switch
    {
        LlmException llm => llm,
        ClientResultException result => FromResponse(result, endpoint),
        HttpRequestException { StatusCode: { } status } => FromStatus((int)status, null, null, endpoint),
        HttpRequestException http => Unreachable(endpoint, http),
        TimeoutException or OperationCanceledException => TimedOut(),
        IOException or SocketException => Unreachable(endpoint, exception),
        JsonException => new LlmException(LlmErrorKind.Other, "The model service sent an answer Parley could not read. Please try again."),
        _ => new LlmException(LlmErrorKind.Other, "The model could not answer. Please try again."),
    };

    public static LlmException TimedOut() => new(LlmErrorKind.Timeout, "The model did not answer in time. Please try again.");

    public static LlmException FromStatus(int status, TimeSpan? retryAfter, string? providerCode, string? endpoint) => status switch
    {
        401 => new(LlmErrorKind.Unauthorized, "The model rejected the API key (HTTP 401). Check the configured key (Parley:Llm:ApiKey).", status, null, providerCode),
        403 => new(LlmErrorKind.Unauthorized, "The model service refused access with this API key (HTTP 403). Check the key's permissions and the model name.", status, null, providerCode),
        429 => new(LlmErrorKind.RateLimited, retryAfter is { } wait
                ? $"Rate limited by the model service, retry in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s."
                : "Rate limited by the model service, retry in a moment.",
            status, retryAfter, providerCode),
        408 or 504 => new(LlmErrorKind.Timeout, $"The model did not answer in time (HTTP {status}). Please try again.", status, null, providerCode),
        >= 500 => new(LlmErrorKind.ServerError, $"The model service failed (HTTP {status}). Please try again.", status, null, providerCode),
        404 => new(LlmErrorKind.InvalidRequest, $"The model service found no such model or endpoint (HTTP 404). Check Parley:Llm:Model and Parley:Llm:BaseUrl{At(endpoint)}.", status, null, providerCode),
        >= 400 => new(LlmErrorKind.InvalidRequest, $"The model service refused the request (HTTP {status}): the conversation may be too long, or an option or attachment unsupported by this model.", status, null, providerCode),
        _ => new(LlmErrorKind.Other, $"The model service answered with an unexpected HTTP {status}. Please try again.", status, null, providerCode),
    };

    public static LlmException Unreachable(string? endpoint, Exception? cause) => new(
        LlmErrorKind.Unreachable,
        endpoint is null
            ? "Could not reach the model service. Check that it is running, then try again."
            : $"Could not reach the model at {endpoint}. Check that it is running and that Parley:Llm:BaseUrl is right.",
        innerException: cause is HttpRequestException or SocketException or IOException ? cause : null);

    private static string At(string? endpoint) => endpoint is null ? "" : $" ({endpoint})";

    private static LlmException FromResponse(ClientResultException exception, string? endpoint)
    {
        var response = exception.GetRawResponse();
        if (response is null || exception.Status == 0)
        {
            // No HTTP answer at all: the transport failed.
            return exception.InnerException is { } inner && inner is not ClientResultException
                ? Classify(inner, endpoint)
                : Unreachable(endpoint, null);
        }
        return FromStatus(exception.Status, RetryAfter(response.Headers), ProviderCode(response), endpoint);
    }

    /// <summary>Reads Retry-After (seconds or an HTTP date) or Azure's retry-after-ms.</summary>
    public static TimeSpan? RetryAfter(System.ClientModel.Primitives.PipelineResponseHeaders headers)
    {
        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }
        if (headers.TryGetValue("Retry-After", out var value) && value is not null)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }
        return null;
    }

    /// <summary>The provider's <c>error.code</c> (or <c>error.type</c>) when it is a plain identifier; never free text.</summary>
    private static string? ProviderCode(System.ClientModel.Primitives.PipelineResponse response)
    {
        try
        {
            var content = response.Content;
            if (content is null || content.ToMemory().Length is 0 or > 64 * 1024)
            {
                return null;
            }
            using var document = JsonDocument.Parse(content.ToMemory());
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            foreach (var name in (ReadOnlySpan<string>)["code", "type"])
            {
                if (error.TryGetProperty(name, out var code) && code.ValueKind == JsonValueKind.String && SafeCode(code.GetString()) is { } text)
                {
                    return text;
                }
            }
            return null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>An error code only when it is a plain identifier: free text could carry anything, a key included.</summary>
    public static string? SafeCode(string? code) => code is not null && Identifier().IsMatch(code) ? code : null;

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex Identifier();
}
