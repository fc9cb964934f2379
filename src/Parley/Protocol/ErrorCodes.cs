namespace Parley.Protocol;

/// <summary>Stable error codes sent to clients in <see cref="ClientAck"/> and <see cref="ErrorEvent"/>.</summary>
public static class ErrorCodes
{
    /// <summary>The named thread, step, element, action, ask or file does not exist for this user and chat.</summary>
    public const string NotFound = "not_found";
    /// <summary>The message is larger than the configured limit.</summary>
    public const string TooLarge = "too_large";
    /// <summary>The client sends faster than the configured rate.</summary>
    public const string RateLimited = "rate_limited";
    /// <summary>The message is malformed or not valid in the chat's current state.</summary>
    public const string BadRequest = "bad_request";
    /// <summary>No chat was started on this connection.</summary>
    public const string NoChat = "no_chat";
    /// <summary>The handler is busy with an earlier message.</summary>
    public const string Busy = "busy";
    /// <summary>The handler failed; details are in the server log, not sent to the client.</summary>
    public const string HandlerError = "handler_error";
}
