namespace Parley.E2E.Host.HostPages;

/// <summary>How a host page mounts the copilot.</summary>
/// <param name="ScriptUrl">Where the page loads the widget from.</param>
/// <param name="ServerUrl">The Parley app the widget talks to.</param>
/// <param name="Mode">"floating" or "sidebar".</param>
/// <param name="Hostile">Adds CSS that tries hard to break the widget (and that the widget must ignore).</param>
/// <param name="PersistThread">Whether the widget resumes its thread after a reload.</param>
/// <param name="InitialToken">A bearer token to start with, or null for cookie mode.</param>
/// <param name="TokenUrl">Where getAccessToken fetches a fresh token, or null for none.</param>
public sealed record WidgetPageOptions(
    string ScriptUrl,
    string ServerUrl,
    string Mode = "floating",
    bool Hostile = false,
    bool PersistThread = true,
    string? InitialToken = null,
    string? TokenUrl = null);
