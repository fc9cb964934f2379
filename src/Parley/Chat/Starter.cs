namespace Parley.Chat;

/// <summary>A suggested first message shown on an empty chat.</summary>
/// <param name="Label">The text on the suggestion.</param>
/// <param name="Message">The message sent when it is picked.</param>
/// <param name="Icon">An icon URL or name.</param>
public sealed record Starter(string Label, string Message, string? Icon = null);

/// <summary>A chat profile the user can pick for a new chat (for example, a model or persona).</summary>
/// <param name="Name">The profile's name (also its key).</param>
/// <param name="Description">What it is.</param>
/// <param name="Icon">An icon URL or name.</param>
/// <param name="IsDefault">Whether it is preselected.</param>
/// <param name="Starters">Starters specific to this profile.</param>
public sealed record ChatProfile(string Name, string? Description = null, string? Icon = null, bool IsDefault = false, IReadOnlyList<Starter>? Starters = null);
