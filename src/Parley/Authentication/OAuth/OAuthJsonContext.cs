using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Authentication.OAuth;

/// <summary>Where the browser goes next: the provider's authorization URL (link) or its logout URL (sign-out), or null.</summary>
internal sealed record OAuthRedirect(string? Redirect);

/// <summary>A sign-in button: the provider id, the name on the button, and the URL that starts the sign-in.</summary>
internal sealed record OAuthProviderDto(string Id, string DisplayName, string StartUrl);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OAuthRedirect))]
[JsonSerializable(typeof(OAuthProviderDto[]))]
internal sealed partial class OAuthJsonContext : JsonSerializerContext;
