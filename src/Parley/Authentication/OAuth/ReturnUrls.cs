namespace Parley.Authentication.OAuth;

/// <summary>Where a browser may be sent back after signing in: only a path on this site.</summary>
internal static class ReturnUrls
{
    private const int MaxLength = 2048;

    /// <summary>
    /// Whether <paramref name="url"/> is a local path: starts with one <c>/</c> (not <c>//</c>, which
    /// browsers read as another host), has no backslash (which browsers read as <c>/</c>) and no
    /// control characters or spaces.
    /// </summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and <= MaxLength }
        && url[0] == '/'
        && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && url.All(c => c > ' ' && c != '\\' && c != '\u007f');
}
