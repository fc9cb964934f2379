namespace Parley.Authentication.OAuth;

/// <summary>What Parley uses of a provider's discovery document, checked, with its signing keys.</summary>
internal sealed record OidcConfiguration
{
    /// <summary>The issuer exactly as the discovery document spells it: the ID token's <c>iss</c> must equal it.</summary>
    public required string Issuer { get; init; }
    public required string AuthorizationEndpoint { get; init; }
    public required string TokenEndpoint { get; init; }
    public required string JwksUri { get; init; }
    public string? UserInfoEndpoint { get; init; }
    public string? EndSessionEndpoint { get; init; }

    /// <summary>Whether the token endpoint takes the client secret in the form body rather than in HTTP Basic.</summary>
    public bool UseClientSecretPost { get; init; }

    /// <summary>Whether the provider sends <c>iss</c> with authorization responses (RFC 9207); then it must be present and right.</summary>
    public bool IssuerInAuthorizationResponse { get; init; }

    public required IReadOnlyList<SigningKey> Keys { get; init; }
}
