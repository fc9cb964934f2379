using System.Reflection;

namespace Parley.Ui;

/// <summary>
/// The UI files that the frontend build embeds in this assembly (see the Parley* targets in
/// Parley.csproj). Resource names are the file paths under <c>frontend/dist</c>, with forward
/// slashes, behind <see cref="Prefix"/>.
/// </summary>
internal static class UiAssets
{
    /// <summary>The prefix of every embedded UI resource.</summary>
    public const string Prefix = "parley-ui/";

    /// <summary>The chat app: <c>index.html</c> and <c>assets/*</c>, referenced relatively.</summary>
    public const string AppPrefix = Prefix + "app/";

    /// <summary>The chat app's page, served for every route under the mount path.</summary>
    public const string AppIndex = AppPrefix + "index.html";

    /// <summary>The copilot widget: one self-contained script exposing <c>window.mountParleyWidget</c>.</summary>
    public const string CopilotScript = Prefix + "copilot/index.js";

    /// <summary>
    /// The comment in <see cref="AppIndex"/>'s head that the server replaces with
    /// <c>&lt;base href="{mountPath}/"&gt;</c> and <c>&lt;meta name="parley-base" content="{mountPath}/"&gt;</c>.
    /// </summary>
    public const string HeadPlaceholder = "<!--parley:head-->";

    private static readonly Assembly Assembly = typeof(UiAssets).Assembly;

    /// <summary>Opens an embedded UI file by its resource name, or returns null when it is not embedded.</summary>
    public static Stream? Open(string resourceName) =>
        resourceName.StartsWith(Prefix, StringComparison.Ordinal) ? Assembly.GetManifestResourceStream(resourceName) : null;

    /// <summary>The names of every embedded UI file; empty when the assembly was built without the UI.</summary>
    public static IEnumerable<string> Names =>
        Assembly.GetManifestResourceNames().Where(name => name.StartsWith(Prefix, StringComparison.Ordinal));
}
