namespace Parley.Authentication.OAuth;

/// <summary>A configured provider with its preset applied: everything the handlers need, validated.</summary>
internal sealed record OAuthProvider
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public required OAuthPreset Preset { get; init; }
    public required string ClientId { get; init; }
    public required string ClientSecret { get; init; }

    /// <summary>OpenID Connect: the expected issuer. GitHub: the web base URL, which is also the identity's issuer.</summary>
    public required string Authority { get; init; }

    /// <summary>Other spellings of the issuer the provider is known to put in ID tokens (Google's <c>accounts.google.com</c>).</summary>
    public IReadOnlyList<string> IssuerAliases { get; init; } = [];

    /// <summary>GitHub only: the REST API base URL, without a trailing slash.</summary>
    public string? ApiUrl { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }
    public required ResolvedClaimMapping Claims { get; init; }
    public required bool UseUserInfo { get; init; }
    public required IReadOnlySet<string> AllowedAlgorithms { get; init; }
    public required bool SignOutAtProvider { get; init; }
    public required bool RequireHttps { get; init; }
    public required TimeSpan ClockSkew { get; init; }

    public string SchemeName => ParleyOAuthDefaults.SchemePrefix + Id;

    public bool IsOpenIdConnect => Preset != OAuthPreset.GitHub;
}

/// <summary>The claim names, every one set.</summary>
internal sealed record ResolvedClaimMapping(string Subject, string Email, string EmailVerified, string Name, string Picture, string Groups);
