namespace Parley.Runtime;

internal static class ThreadNames
{
    private const int MaxLength = 80;

    /// <summary>A thread's first name: its first user message on one line, shortened.</summary>
    public static string FromFirstMessage(string message)
    {
        var name = Clean(message);
        return name.Length == 0 ? "New chat" : name;
    }

    public static string Clean(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        oneLine = new string([.. oneLine.Where(c => !char.IsControl(c))]);
        return oneLine.Length <= MaxLength ? oneLine : oneLine[..(MaxLength - 1)].TrimEnd() + "…";
    }
}
