using System.Text.Json;

namespace Parley.Chat;

/// <summary>
/// An action button. When the user clicks it, the handler's action callback for
/// <see cref="Name"/> runs with this payload; the payload the browser shows is never trusted back.
/// </summary>
/// <param name="Name">The callback name.</param>
/// <param name="Label">The button text.</param>
/// <param name="Payload">Data for the callback (serialized to JSON), or null.</param>
/// <param name="Tooltip">Hover text.</param>
/// <param name="Icon">An icon name the UI knows.</param>
public sealed record ChatAction(string Name, string Label, object? Payload = null, string? Tooltip = null, string? Icon = null);

/// <summary>An action the user clicked, as the server issued it.</summary>
/// <param name="Id">The action's id.</param>
/// <param name="Name">The callback name.</param>
/// <param name="Label">The button text.</param>
/// <param name="Payload">The server's copy of the payload.</param>
/// <param name="MessageId">The message the action was attached to, if any.</param>
public sealed record ActionInvocation(string Id, string Name, string Label, JsonElement? Payload, string? MessageId)
{
    /// <summary>Reads the payload as <typeparamref name="T"/>.</summary>
    public T? GetPayload<T>() => Payload is { } p ? p.Deserialize<T>(JsonSerializerOptions.Web) : default;
}
