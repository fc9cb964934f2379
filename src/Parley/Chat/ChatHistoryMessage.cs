namespace Parley.Chat;

/// <summary>A message of the thread so far, as <see cref="ChatContext.History"/> lists it.</summary>
/// <param name="Id">The id of the message's step.</param>
/// <param name="Role">Who wrote it.</param>
/// <param name="Content">The text (what was streamed so far, for a message still streaming).</param>
/// <param name="Files">Files attached to the message (uploads of the user, files the assistant attached).</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record ChatHistoryMessage(string Id, ChatHistoryRole Role, string Content, IReadOnlyList<ChatFile> Files, DateTimeOffset CreatedAt);
