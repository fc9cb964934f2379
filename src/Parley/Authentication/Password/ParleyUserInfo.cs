using System.Text.Json.Nodes;

namespace Parley.Authentication.Password;

/// <summary>The user a password check accepted.</summary>
/// <param name="Identifier">
/// The user's unique identifier (1–256 characters, no surrounding spaces or control characters).
/// The same identifier from any sign-in mode is the same Parley user, with the same history.
/// </param>
/// <param name="DisplayName">The name shown in the UI, or null for the identifier.</param>
/// <param name="Metadata">Application data about the user, available to chat handlers, or null.</param>
public sealed record ParleyUserInfo(string Identifier, string? DisplayName = null, JsonObject? Metadata = null);
