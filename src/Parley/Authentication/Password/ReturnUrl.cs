namespace Parley.Authentication.Password;

/// <summary>
/// Decides where the browser goes after signing in: only ever a path on this site. Anything that
/// a browser could read as another origin — <c>//evil.com</c>, <c>/\evil.com</c>, an absolute URL,
/// a tab or newline that browsers strip (<c>/\t/evil.com</c>), or any of those spelled with percent-encoding
/// that a client might decode before navigating — is replaced by the fallback.
/// </summary>
internal static class ReturnUrl
{
    private const int MaxLength = 2048;

    /// <summary><paramref name="candidate"/> if it is a safe local path, else <paramref name="fallback"/>.</summary>
    public static string Sanitize(string? candidate, string fallback) =>
        IsLocalPath(candidate) ? candidate! : fallback;

    public static bool IsLocalPath(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength)
        {
            return false;
        }
        // Check the text as sent and as decoded (twice, for double encoding): the UI or a proxy may decode it.
        var once = Decode(url);
        return IsSafe(url) && IsSafe(once) && IsSafe(Decode(once));
    }

    private static bool IsSafe(string url) =>
        url.Length > 0
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains('\\')
        && !url.Any(c => char.IsControl(c) || (char.IsWhiteSpace(c) && c != ' '));

    // Invalid escapes such as %ZZ are left as they are, which is how browsers treat them too.
    private static string Decode(string url) => Uri.UnescapeDataString(url);
}
