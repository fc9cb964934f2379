namespace Parley.Chat;

/// <summary>A message the user sent.</summary>
/// <param name="Id">The id of the message's step.</param>
/// <param name="Content">The text.</param>
/// <param name="Files">Files the user attached.</param>
/// <param name="CreatedAt">When the server received it.</param>
public sealed record UserMessage(string Id, string Content, IReadOnlyList<ChatFile> Files, DateTimeOffset CreatedAt);
