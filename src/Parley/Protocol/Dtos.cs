using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Protocol;

/// <summary>The signed-in user as the browser sees them.</summary>
public sealed record UserDto(string Identifier, string? DisplayName, JsonElement? Metadata);

/// <summary>A step; messages are steps whose type ends in <c>_message</c>.</summary>
/// <param name="Id">Server-generated id.</param>
/// <param name="ThreadId">The thread.</param>
/// <param name="ParentId">The enclosing step, for nested steps.</param>
/// <param name="Type">One of <see cref="StepTypes"/>.</param>
/// <param name="Name">The author of a message, or the name of a step.</param>
/// <param name="Input">A step's input (tool arguments, prompt…).</param>
/// <param name="Output">A message's content or a step's output.</param>
/// <param name="Streaming">Whether tokens are still being appended.</param>
/// <param name="IsError">Whether the step failed.</param>
/// <param name="Language">A language for rendering the output as code, if any.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="EndedAt">When it finished.</param>
/// <param name="Feedback">The user's feedback on it, if any.</param>
public sealed record StepDto(
    string Id,
    string ThreadId,
    string? ParentId,
    string Type,
    string Name,
    string? Input,
    string Output,
    bool Streaming,
    bool IsError,
    string? Language,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    FeedbackDto? Feedback);

/// <summary>Step types, as Chainlit names them.</summary>
public static class StepTypes
{
    /// <summary>A message the user sent.</summary>
    public const string UserMessage = "user_message";
    /// <summary>A message from the assistant.</summary>
    public const string AssistantMessage = "assistant_message";
    /// <summary>A system message (notices, errors).</summary>
    public const string SystemMessage = "system_message";
    /// <summary>A generic run.</summary>
    public const string Run = "run";
    /// <summary>A tool call.</summary>
    public const string Tool = "tool";
    /// <summary>An LLM call.</summary>
    public const string Llm = "llm";
    /// <summary>A retrieval.</summary>
    public const string Retrieval = "retrieval";
    /// <summary>An embedding.</summary>
    public const string Embedding = "embedding";
    /// <summary>A reranking.</summary>
    public const string Rerank = "rerank";
    /// <summary>Anything else.</summary>
    public const string Undefined = "undefined";

    /// <summary>Whether <paramref name="type"/> is a message type.</summary>
    public static bool IsMessage(string type) => type is UserMessage or AssistantMessage or SystemMessage;

    /// <summary>Whether <paramref name="type"/> is one of the known types.</summary>
    public static bool IsKnown(string type) =>
        type is UserMessage or AssistantMessage or SystemMessage or Run or Tool or Llm or Retrieval or Embedding or Rerank or Undefined;
}

/// <summary>An element (image, file, pdf, audio, video, text, custom) attached to a step or thread.</summary>
/// <param name="Id">Server-generated id.</param>
/// <param name="ThreadId">The thread, once attached.</param>
/// <param name="StepId">The step, once attached.</param>
/// <param name="Type">One of <see cref="ElementTypes"/>.</param>
/// <param name="Name">A display name (never used as a path).</param>
/// <param name="Mime">The MIME type decided by the server.</param>
/// <param name="Size">Bytes, when stored by Parley.</param>
/// <param name="Display">Where it shows: inline, side or page.</param>
/// <param name="Url">Where the browser fetches it: a Parley download URL or an external https URL.</param>
/// <param name="Props">Properties of a custom element.</param>
public sealed record ElementDto(
    string Id,
    string? ThreadId,
    string? StepId,
    string Type,
    string Name,
    string? Mime,
    long? Size,
    string Display,
    string? Url,
    JsonElement? Props);

/// <summary>Element types.</summary>
public static class ElementTypes
{
    /// <summary>An image.</summary>
    public const string Image = "image";
    /// <summary>A file to download.</summary>
    public const string File = "file";
    /// <summary>A PDF document.</summary>
    public const string Pdf = "pdf";
    /// <summary>Audio.</summary>
    public const string Audio = "audio";
    /// <summary>Video.</summary>
    public const string Video = "video";
    /// <summary>Plain text.</summary>
    public const string Text = "text";
    /// <summary>A custom element rendered by a client component.</summary>
    public const string Custom = "custom";

    /// <summary>Whether <paramref name="type"/> is one of the known types.</summary>
    public static bool IsKnown(string type) => type is Image or File or Pdf or Audio or Video or Text or Custom;
}

/// <summary>An action button. Its payload is shown to the client but the server keeps the authoritative copy.</summary>
public sealed record ActionDto(string Id, string Name, string Label, JsonElement? Payload, string? Tooltip, string? Icon, string? StepId);

/// <summary>A widget of the chat settings panel; fields apply according to <see cref="Kind"/>.</summary>
/// <param name="Id">The setting's key.</param>
/// <param name="Kind">switch, slider, select, text, number, tags, multiselect, checkbox, radio or date.</param>
/// <param name="Label">The label.</param>
/// <param name="Description">Help text.</param>
/// <param name="Initial">The initial value.</param>
/// <param name="Min">Minimum (slider, number).</param>
/// <param name="Max">Maximum (slider, number).</param>
/// <param name="Step">Increment (slider, number).</param>
/// <param name="Options">Choices (select, multiselect, radio).</param>
/// <param name="Placeholder">Placeholder (text, number, tags).</param>
/// <param name="Multiline">Whether a text widget takes several lines.</param>
public sealed record SettingsWidgetDto(
    string Id,
    string Kind,
    string Label,
    string? Description = null,
    JsonElement? Initial = null,
    double? Min = null,
    double? Max = null,
    double? Step = null,
    IReadOnlyList<SettingsOptionDto>? Options = null,
    string? Placeholder = null,
    bool? Multiline = null);

/// <summary>A choice of a select, multiselect or radio widget.</summary>
public sealed record SettingsOptionDto(string Value, string Label);

/// <summary>A suggested first message.</summary>
public sealed record StarterDto(string Label, string Message, string? Icon);

/// <summary>A chat profile the user can pick when starting a chat.</summary>
public sealed record ChatProfileDto(string Name, string? Description, string? Icon, bool IsDefault, IReadOnlyList<StarterDto>? Starters);

/// <summary>Feedback a user gave a step.</summary>
/// <param name="Value">1 for thumbs up, -1 for thumbs down.</param>
public sealed record FeedbackDto(string Id, string StepId, int Value, string? Comment);

/// <summary>A thread in the history list.</summary>
public sealed record ThreadDto(string Id, string? Name, string? ChatProfile, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A thread with everything in it.</summary>
public sealed record ThreadDetailDto(ThreadDto Thread, IReadOnlyList<StepDto> Steps, IReadOnlyList<ElementDto> Elements);

/// <summary>A page of threads, newest first.</summary>
/// <param name="Items">The threads.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record ThreadPageDto(IReadOnlyList<ThreadDto> Items, string? NextCursor);

/// <summary>A file the user uploaded, ready to be attached to a message or an ask reply.</summary>
public sealed record UploadedFileDto(string Id, string Name, string Mime, long Size, string Type);
