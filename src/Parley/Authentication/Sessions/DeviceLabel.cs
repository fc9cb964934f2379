namespace Parley.Authentication.Sessions;

/// <summary>A short, human label for a session's browser ("Firefox on Linux") from its user agent.</summary>
internal static class DeviceLabel
{
    /// <summary>The longest user agent kept: enough to label it, not a place to store a request's junk.</summary>
    public const int MaxUserAgentLength = 512;

    /// <summary>The user agent as stored: truncated, control characters removed; null if empty.</summary>
    public static string? Clean(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }
        var clean = new string([.. userAgent.Where(c => !char.IsControl(c)).Take(MaxUserAgentLength)]).Trim();
        return clean.Length == 0 ? null : clean;
    }

    public static string? From(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return null;
        }
        // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
        string? browser =
            Has(userAgent, "Edg/") ? "Edge"
            : Has(userAgent, "OPR/") ? "Opera"
            : Has(userAgent, "Firefox/") ? "Firefox"
            : Has(userAgent, "Chrome/") || Has(userAgent, "Chromium/") ? "Chrome"
            : Has(userAgent, "Safari/") ? "Safari"
            : null;
        string? system =
            Has(userAgent, "Android") ? "Android"
            : Has(userAgent, "iPhone") || Has(userAgent, "iPad") ? "iOS"
            : Has(userAgent, "Windows") ? "Windows"
            : Has(userAgent, "Mac OS X") || Has(userAgent, "Macintosh") ? "macOS"
            : Has(userAgent, "CrOS") ? "ChromeOS"
            : Has(userAgent, "Linux") ? "Linux"
            : null;
        return (browser, system) switch
        {
            (not null, not null) => $"{browser} on {system}",
            (not null, null) => browser,
            (null, not null) => system,
            _ => userAgent.Length <= 40 ? userAgent : userAgent[..40] + "…",
        };
    }

    private static bool Has(string userAgent, string token) => userAgent.Contains(token, StringComparison.Ordinal);
}
