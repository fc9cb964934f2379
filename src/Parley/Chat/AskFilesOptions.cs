namespace Parley.Chat;

/// <summary>What an ask for files accepts.</summary>
public sealed record AskFilesOptions
{
    /// <summary>Accepted MIME types (<c>image/png</c>, <c>image/*</c>) or extensions (<c>.csv</c>); empty accepts every type uploads allow.</summary>
    public IReadOnlyList<string> Accept { get; init; } = [];

    /// <summary>The largest accepted file. Default 10 MiB (never more than the upload limit).</summary>
    public long MaxSizeBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>How many files at most. Default 1.</summary>
    public int MaxFiles { get; init; } = 1;

    internal bool Accepts(string mime, string name)
    {
        if (Accept.Count == 0)
        {
            return true;
        }
        foreach (var pattern in Accept)
        {
            if (pattern.StartsWith('.') && name.EndsWith(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            if (pattern.EndsWith("/*", StringComparison.Ordinal) && mime.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            if (string.Equals(pattern, mime, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
