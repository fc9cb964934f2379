namespace Parley.Llm;

/// <summary>Why a call to the model failed; each kind has its own message in the chat.</summary>
public enum LlmErrorKind
{
    /// <summary>Anything not covered below.</summary>
    Other,

    /// <summary>The API key was rejected or lacks access (HTTP 401 or 403).</summary>
    Unauthorized,

    /// <summary>Too many requests or tokens (HTTP 429); see <see cref="LlmException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>The model did not answer, or stopped answering, within the timeout.</summary>
    Timeout,

    /// <summary>The endpoint could not be reached (refused, unknown host, connection lost).</summary>
    Unreachable,

    /// <summary>The model service failed (HTTP 5xx).</summary>
    ServerError,

    /// <summary>The request was refused as invalid (HTTP 400, 404, 422…): a wrong model name or URL, too long a conversation.</summary>
    InvalidRequest,
}
