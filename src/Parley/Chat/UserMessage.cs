namespace Parley.Chat;

/// <summary>A message the user sent.</summary>
/// <param name="Id">The id of the message's step.</param>
/// <param name="Content">The text.</param>
/// <param name="Files">Files the user attached.</param>
/// <param name="CreatedAt">When the server received it.</param>
public sealed record UserMessage(string Id, string Content, IReadOnlyList<ChatFile> Files, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// Why the message reaches the handler: new (the default), or again because the user asked to
    /// regenerate the reply or edited the message. A handler may skip once-per-message work (a
    /// title, a notification) on a regenerate.
    /// </summary>
    public MessageRun Run { get; init; }
}

/// <summary>Why a <see cref="UserMessage"/> runs.</summary>
public enum MessageRun
{
    /// <summary>The user just sent it.</summary>
    New,
    /// <summary>The user asked for another reply to it.</summary>
    Regenerate,
    /// <summary>The user changed it; the later conversation was dropped.</summary>
    Edit,
}
