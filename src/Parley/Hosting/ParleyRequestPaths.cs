using Microsoft.AspNetCore.Http;
using Parley.Runtime;

namespace Parley.Hosting;

/// <summary>
/// Recognises requests to the mapped apps' hub and API by path, for the few places that run
/// before routing has chosen an endpoint: the capture of an access token in the URL (before the
/// host logs the request line) and CORS preflight requests (which have no endpoint of their own).
/// </summary>
/// <remarks>
/// The path is compared as the server received it, before any <c>UsePathBase</c>, so a named app
/// matches by suffix (<c>/x/support/hub</c> is the hub of the app at <c>/support</c> under path
/// base <c>/x</c>). An app at the root matches only paths that start with <c>/api</c> or
/// <c>/hub</c>, so that another hub of the host (<c>/notifications/hub</c>) is never taken for Parley's.
/// </remarks>
internal sealed class ParleyRequestPaths(MappedApps apps)
{
    /// <summary>Whether <paramref name="path"/> is under a mapped app's <c>/api</c> or <c>/hub</c>.</summary>
    public bool IsApiOrHub(string path) => apps.All.Any(app =>
        MatchesUnder(path, app.Pattern + "/api", app.Pattern.Length > 0) || MatchesUnder(path, app.Pattern + "/hub", app.Pattern.Length > 0));

    /// <summary>The full path of a request as the server received it.</summary>
    public static string FullPath(PathString pathBase, PathString path) => pathBase.Add(path).Value ?? "/";

    private static bool Matches(string path, string target, bool bySuffix) =>
        string.Equals(path, target, StringComparison.OrdinalIgnoreCase)
        || (bySuffix && path.EndsWith(target, StringComparison.OrdinalIgnoreCase));

    private static bool MatchesUnder(string path, string prefix, bool bySuffix)
    {
        if (Matches(path, prefix, bySuffix))
        {
            return true;
        }
        var index = bySuffix
            ? path.IndexOf(prefix + "/", StringComparison.OrdinalIgnoreCase)
            : path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase) ? 0 : -1;
        return index >= 0;
    }
}
