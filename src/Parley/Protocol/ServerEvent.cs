using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Protocol;

/// <summary>
/// Everything a chat hub sends to a browser: one discriminated union, mirrored by
/// <c>frontend/src/protocol/events.ts</c>. Events travel in batches (<c>Receive(ServerEvent[])</c>)
/// so that tokens of many streams are coalesced into few frames under load.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ChatStarted), "chat_started")]
[JsonDerivedType(typeof(StepEvent), "step")]
[JsonDerivedType(typeof(TokenEvent), "token")]
[JsonDerivedType(typeof(StepDeleted), "step_deleted")]
[JsonDerivedType(typeof(ElementEvent), "element")]
[JsonDerivedType(typeof(ElementDeleted), "element_deleted")]
[JsonDerivedType(typeof(ActionsEvent), "actions")]
[JsonDerivedType(typeof(ActionRemoved), "action_removed")]
[JsonDerivedType(typeof(AskEvent), "ask")]
[JsonDerivedType(typeof(AskEnded), "ask_ended")]
[JsonDerivedType(typeof(SettingsEvent), "settings")]
[JsonDerivedType(typeof(RunningEvent), "running")]
[JsonDerivedType(typeof(ThreadRenamed), "thread_renamed")]
[JsonDerivedType(typeof(ErrorEvent), "error")]
[JsonDerivedType(typeof(HostFunctionCall), "host_fn_call")]
[JsonDerivedType(typeof(SessionEnded), "session_ended")]
public abstract record ServerEvent;

/// <summary>A chat is ready on this connection: new, resumed from history, or re-attached after a reconnect.</summary>
/// <param name="SessionId">The chat session; send it back in <see cref="StartChat.SessionId"/> to re-attach after a dropped connection.</param>
/// <param name="ThreadId">The thread this chat writes to.</param>
/// <param name="Mode">How the chat started.</param>
/// <param name="User">The signed-in user, as the server knows them.</param>
/// <param name="ChatProfile">The active chat profile, if any.</param>
/// <param name="Steps">The thread's steps so far (empty for a new chat).</param>
/// <param name="Elements">The thread's elements so far.</param>
/// <param name="Actions">Action buttons still live in this chat.</param>
/// <param name="Settings">The chat settings panel and its current values.</param>
/// <param name="Starters">Suggested first messages.</param>
/// <param name="Profiles">The chat profiles the user may pick.</param>
/// <param name="Running">Whether a handler is running (the stop button shows).</param>
/// <param name="Ask">A pending ask, when one is waiting for the user.</param>
public sealed record ChatStarted(
    string SessionId,
    string ThreadId,
    ChatStartMode Mode,
    UserDto User,
    string? ChatProfile,
    IReadOnlyList<StepDto> Steps,
    IReadOnlyList<ElementDto> Elements,
    IReadOnlyList<ActionDto> Actions,
    SettingsEvent Settings,
    IReadOnlyList<StarterDto> Starters,
    IReadOnlyList<ChatProfileDto> Profiles,
    bool Running,
    AskEvent? Ask) : ServerEvent;

/// <summary>How a chat started.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChatStartMode>))]
public enum ChatStartMode
{
    /// <summary>A new thread.</summary>
    [JsonStringEnumMemberName("new")] New,
    /// <summary>A thread reopened from history.</summary>
    [JsonStringEnumMemberName("resumed")] Resumed,
    /// <summary>A live chat session re-attached after the connection dropped.</summary>
    [JsonStringEnumMemberName("reattached")] Reattached,
}

/// <summary>A step (a message is a step) was created or changed; carries its full current state.</summary>
public sealed record StepEvent(StepDto Step) : ServerEvent;

/// <summary>Text appended to a streaming step's output; consecutive tokens are coalesced.</summary>
public sealed record TokenEvent(string StepId, string Text) : ServerEvent;

/// <summary>A step was removed.</summary>
public sealed record StepDeleted(string StepId) : ServerEvent;

/// <summary>An element was attached to a step or the thread.</summary>
public sealed record ElementEvent(ElementDto Element) : ServerEvent;

/// <summary>An element was removed.</summary>
public sealed record ElementDeleted(string ElementId) : ServerEvent;

/// <summary>Action buttons were added.</summary>
public sealed record ActionsEvent(IReadOnlyList<ActionDto> Actions) : ServerEvent;

/// <summary>An action button was removed (used, or removed by the handler).</summary>
public sealed record ActionRemoved(string ActionId) : ServerEvent;

/// <summary>The handler asks the user for text, files or a choice of actions.</summary>
/// <param name="AskId">Answer with <see cref="AskReply.AskId"/>.</param>
/// <param name="Kind">What is asked for.</param>
/// <param name="StepId">The message step that carries the question.</param>
/// <param name="TimeoutMs">How long the handler waits.</param>
/// <param name="Accept">For files: accepted MIME types or extensions (empty: any allowed type).</param>
/// <param name="MaxSizeBytes">For files: the largest accepted file.</param>
/// <param name="MaxFiles">For files: how many files at most.</param>
/// <param name="Actions">For an action choice: the buttons.</param>
public sealed record AskEvent(
    string AskId,
    AskKind Kind,
    string StepId,
    long TimeoutMs,
    IReadOnlyList<string>? Accept = null,
    long? MaxSizeBytes = null,
    int? MaxFiles = null,
    IReadOnlyList<ActionDto>? Actions = null) : ServerEvent;

/// <summary>What an ask waits for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AskKind>))]
public enum AskKind
{
    /// <summary>A text answer.</summary>
    [JsonStringEnumMemberName("text")] Text,
    /// <summary>One or more files.</summary>
    [JsonStringEnumMemberName("files")] Files,
    /// <summary>A click on one of the offered actions.</summary>
    [JsonStringEnumMemberName("action")] Action,
}

/// <summary>A pending ask ended.</summary>
public sealed record AskEnded(string AskId, AskEndReason Reason) : ServerEvent;

/// <summary>Why an ask ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AskEndReason>))]
public enum AskEndReason
{
    /// <summary>The user answered.</summary>
    [JsonStringEnumMemberName("answered")] Answered,
    /// <summary>Nobody answered in time.</summary>
    [JsonStringEnumMemberName("timeout")] Timeout,
    /// <summary>The handler stopped waiting (stop pressed, chat ended).</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>The chat settings panel: its widgets and their current values.</summary>
public sealed record SettingsEvent(IReadOnlyList<SettingsWidgetDto> Widgets, IReadOnlyDictionary<string, JsonElement> Values) : ServerEvent;

/// <summary>A handler started or finished running (drives the stop button).</summary>
public sealed record RunningEvent(bool Running) : ServerEvent;

/// <summary>The thread got a (new) name.</summary>
public sealed record ThreadRenamed(string ThreadId, string Name) : ServerEvent;

/// <summary>Something went wrong that the user should know about.</summary>
/// <param name="Code">A stable code (see <see cref="ErrorCodes"/>).</param>
/// <param name="Message">A message fit to show the user.</param>
public sealed record ErrorEvent(string Code, string Message) : ServerEvent;

/// <summary>The handler calls a function that the copilot host page registered; answer with <see cref="HostFunctionResult"/>.</summary>
public sealed record HostFunctionCall(string CallId, string Name, JsonElement Args) : ServerEvent;

/// <summary>The server ended this chat session (sign-out, session revoked, chat ended); the client should not re-attach.</summary>
public sealed record SessionEnded(string Reason) : ServerEvent;
