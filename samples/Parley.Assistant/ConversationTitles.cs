namespace Parley.Assistant;

/// <summary>Short conversation titles: the prompt that asks a model for one, and the deterministic fallback.</summary>
internal static class ConversationTitles
{
    public const string Prompt = "Reply with a title of at most six words for a conversation that starts with the user's message. No quotes, no trailing punctuation.";

    private const int MaxLength = 60;

    /// <summary>The first six words of the question, or null for an empty one.</summary>
    public static string? FromQuestion(string question) =>
        Clean(string.Join(' ', question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(6)));

    /// <summary>One line, without quotes or trailing punctuation, at most 60 characters; null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        var line = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        line = line.Trim('"', '\'', '“', '”', '*', '#', ' ').TrimEnd('.', '!', '?', ':');
        if (line.Length > MaxLength)
        {
            line = line[..MaxLength].TrimEnd();
        }
        return line.Length == 0 ? null : line;
    }
}
