using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Protocol;

/// <summary>
/// Everything a browser may send to a chat hub: one discriminated union, mirrored by
/// <c>frontend/src/protocol/messages.ts</c>. None of these carries a user id: the user always
/// comes from the authenticated connection, and every id named here is checked against that
/// user and the connection's chat before it is used.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(StartChat), "start")]
[JsonDerivedType(typeof(SendUserMessage), "user_message")]
[JsonDerivedType(typeof(StopGeneration), "stop")]
[JsonDerivedType(typeof(InvokeAction), "action")]
[JsonDerivedType(typeof(AskReply), "ask_reply")]
[JsonDerivedType(typeof(UpdateSettings), "settings_update")]
[JsonDerivedType(typeof(UploadFiles), "files_uploaded")]
[JsonDerivedType(typeof(HostFunctionResult), "host_fn_result")]
[JsonDerivedType(typeof(RegenerateReply), "regenerate")]
[JsonDerivedType(typeof(EditUserMessage), "edit_message")]
public abstract record ClientMessage;

/// <summary>Starts a chat on this connection: a new thread, the resumption of a thread from history, or the re-attachment of a chat session after a reconnect.</summary>
/// <param name="ThreadId">A thread from the user's history to resume; null for a new chat.</param>
/// <param name="ChatProfile">The chat profile the user picked, if the app offers profiles.</param>
/// <param name="SessionId">The chat session to re-attach after a dropped connection (from <see cref="ChatStarted.SessionId"/>).</param>
public sealed record StartChat(string? ThreadId = null, string? ChatProfile = null, string? SessionId = null) : ClientMessage;

/// <summary>The user sends a message.</summary>
/// <param name="ClientId">A client-generated id that makes a resend after a reconnect idempotent.</param>
/// <param name="Content">The text the user typed.</param>
/// <param name="FileIds">Ids of files this user uploaded through the file endpoint, attached to the message.</param>
public sealed record SendUserMessage(string ClientId, string Content, IReadOnlyList<string>? FileIds = null) : ClientMessage;

/// <summary>The user pressed stop: the running handler is cancelled.</summary>
public sealed record StopGeneration : ClientMessage;

/// <summary>The user clicked an action button. Only the server-issued id travels; name and payload stay on the server.</summary>
public sealed record InvokeAction(string ActionId) : ClientMessage;

/// <summary>The user answers a pending ask (text, files or an action choice).</summary>
public sealed record AskReply(string AskId, string? Text = null, IReadOnlyList<string>? FileIds = null, string? ActionId = null) : ClientMessage;

/// <summary>The user changed the chat settings panel.</summary>
public sealed record UpdateSettings(IReadOnlyDictionary<string, JsonElement> Values) : ClientMessage;

/// <summary>The user uploaded files outside of a message (drag and drop on the chat).</summary>
public sealed record UploadFiles(IReadOnlyList<string> FileIds) : ClientMessage;

/// <summary>The copilot host page answers a function call the handler made (<see cref="HostFunctionCall"/>).</summary>
public sealed record HostFunctionResult(string CallId, JsonElement? Result = null, string? Error = null) : ClientMessage;

/// <summary>
/// The user asks for a new answer to the last message: the steps after the chat's last user
/// message are deleted and the message handler runs on it again.
/// </summary>
public sealed record RegenerateReply : ClientMessage;

/// <summary>
/// The user edits one of their own messages in this chat: its text is replaced, every step
/// created after it is deleted, and the message handler runs on the new text.
/// </summary>
/// <param name="StepId">The user message step to edit; it must belong to this chat.</param>
/// <param name="Content">The new text.</param>
public sealed record EditUserMessage(string StepId, string Content) : ClientMessage;

/// <summary>The hub's answer to every <see cref="ClientMessage"/>.</summary>
/// <param name="Ok">Whether the message was accepted.</param>
/// <param name="Code">A stable error code when not accepted (see <see cref="ErrorCodes"/>).</param>
/// <param name="Message">A human-readable explanation when not accepted.</param>
public sealed record ClientAck(bool Ok, string? Code = null, string? Message = null)
{
    /// <summary>The accepted answer.</summary>
    public static readonly ClientAck Accepted = new(true);

    /// <summary>A refusal with a stable code and a message for the user.</summary>
    public static ClientAck Refused(string code, string message) => new(false, code, message);
}
