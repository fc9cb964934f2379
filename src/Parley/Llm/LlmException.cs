namespace Parley.Llm;

/// <summary>
/// A call to the model failed. <see cref="Exception.Message"/> is safe to show to the user and
/// to log: it never holds the API key or the provider's response body (which may echo the key).
/// </summary>
public sealed class LlmException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Why the call failed.</param>
    /// <param name="message">A message for the user, free of secrets.</param>
    /// <param name="statusCode">The HTTP status the model service answered with, if any.</param>
    /// <param name="retryAfter">When a rate-limited request may be retried, if the service said.</param>
    /// <param name="providerCode">The provider's error code (e.g. <c>invalid_api_key</c>), if it gave a well-formed one.</param>
    /// <param name="innerException">The cause, only when it cannot carry the response body.</param>
    public LlmException(LlmErrorKind kind, string message, int? statusCode = null, TimeSpan? retryAfter = null, string? providerCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        ProviderCode = providerCode;
    }

    /// <summary>Why the call failed.</summary>
    public LlmErrorKind Kind { get; }

    /// <summary>The HTTP status the model service answered with, if any.</summary>
    public int? StatusCode { get; }

    /// <summary>When a rate-limited request may be retried, if the service said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The provider's error code (e.g. <c>invalid_api_key</c>, <c>rate_limit_exceeded</c>), if any.</summary>
    public string? ProviderCode { get; }
}
