using System.Text.Json;

namespace Parley.Chat;

/// <summary>
/// The signed-in user of a chat, read-only. It always comes from the authenticated connection
/// or request, never from anything the client sends.
/// </summary>
/// <param name="Id">Parley's id for the user (the owner key of their threads).</param>
/// <param name="Identifier">The unique identifier from the sign-in (user name, email, proxy header…).</param>
/// <param name="DisplayName">The name to show.</param>
/// <param name="Metadata">Metadata from the sign-in (a JSON object), if any.</param>
public sealed record ParleyUser(string Id, string Identifier, string? DisplayName, JsonElement? Metadata);
