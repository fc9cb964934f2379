namespace Parley.Assistant;

/// <summary>Short conversation titles: the prompt that asks a model for one, and the deterministic fallback.</summary>
internal static class ConversationTitles
{
    public const string Prompt = "Reply with a title of at most six words for a conversation that starts with the user's message. No quotes, no trailing punctuation.";

    private const int MaxLength = 60;

    /// <summary>The first six words of the question, or null for an empty one.</summary>
    public static string? FromQuestion(string question) =>
        Clean(string.Join(' ', question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(6)));

    /// <summary>One line, without quotes, Markdown emphasis or trailing punctuation, at most 60 characters; null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        var line = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        // Until nothing changes: a model's "**Title**." or "\"Title\"." has quotes or stars again
        // once the full stop is gone. A heading mark only counts at the start ("Tips for C#").
        string previous;
        do
        {
            previous = line;
            line = line.TrimStart('#').Trim('"', '\'', '“', '”', '*', ' ').TrimEnd('.', '!', '?', ':');
        }
        while (line != previous);
        if (line.Length > MaxLength)
        {
            // Not between the two halves of a surrogate pair (an emoji): half a character is not text.
            line = line[..(char.IsHighSurrogate(line[MaxLength - 1]) ? MaxLength - 1 : MaxLength)].TrimEnd();
        }
        return line.Length == 0 ? null : line;
    }
}
