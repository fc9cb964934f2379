namespace Parley.Ui;

/// <summary>Options of the web UI: what a host app adds to the page.</summary>
/// <example><code>builder.Services.Configure&lt;ParleyUiOptions&gt;(ui =&gt; ui.Scripts.Add("/ui/elements.js"));</code></example>
public sealed class ParleyUiOptions
{
    /// <summary>The configuration section these options belong to: <c>Parley:Ui</c>.</summary>
    public const string SectionName = "Parley:Ui";

    /// <summary>
    /// Scripts the chat page loads after the app (<c>&lt;script defer&gt;</c>, in this order), for
    /// example one that registers custom element components with
    /// <c>window.Parley.registerElement(name, component)</c>. URLs are resolved against the app's
    /// base; the page's Content-Security-Policy allows scripts of its own origin only, so host the
    /// scripts on the same site.
    /// </summary>
    public IList<string> Scripts { get; set; } = new List<string>();
}
