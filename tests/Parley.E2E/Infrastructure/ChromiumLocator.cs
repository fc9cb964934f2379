namespace Parley.E2E.Infrastructure;

/// <summary>
/// Finds the Chromium the tests drive: PARLEY_CHROMIUM if set, else Debian's /usr/bin/chromium.
/// Playwright's own browser download is never used (there is no network for it).
/// </summary>
internal static class ChromiumLocator
{
    public const string EnvironmentVariable = "PARLEY_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        return Candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Where CI runs (CI=true), a missing browser fails the suite instead of skipping it.</summary>
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    public static string MissingMessage =>
        $"Chromium was not found ({Environment.GetEnvironmentVariable(EnvironmentVariable) ?? string.Join(" or ", Candidates)}). " +
        "Install it with `apt-get install chromium` (scripts/install-prereqs.sh does), or point PARLEY_CHROMIUM at a Chromium binary.";
}
