namespace Parley.Authentication.OAuth;

/// <summary>Why a sign-in through a provider failed. Logged; the browser only learns a coarse error code.</summary>
internal enum OAuthFailure
{
    /// <summary>The state was missing, could not be decrypted, or its correlation cookie was absent (a foreign, forged or replayed callback).</summary>
    InvalidState,
    /// <summary>The user declined at the provider (<c>error=access_denied</c>).</summary>
    Cancelled,
    /// <summary>The provider answered the authorization request with another error.</summary>
    ProviderError,
    /// <summary>The callback had no code.</summary>
    MissingCode,
    /// <summary>The authorization response's <c>iss</c> was missing or not the provider's issuer (RFC 9207 mix-up defence).</summary>
    ResponseIssuerMismatch,
    /// <summary>The discovery document could not be fetched or was not acceptable.</summary>
    DiscoveryFailed,
    /// <summary>The provider's keys could not be fetched or parsed.</summary>
    KeysFailed,
    /// <summary>The token endpoint refused the code or answered something unusable.</summary>
    TokenEndpointFailed,
    /// <summary>The token response had no ID token.</summary>
    MissingIdToken,
    /// <summary>The ID token is not a well-formed JWS (or is a JWE, or has a <c>crit</c> header).</summary>
    MalformedIdToken,
    /// <summary>The ID token's <c>alg</c> is not on the allowlist (<c>none</c> and HMAC never are).</summary>
    AlgorithmNotAllowed,
    /// <summary>No key of the provider's key set matches the ID token's <c>kid</c> and algorithm, even after a refresh.</summary>
    UnknownSigningKey,
    /// <summary>The signature does not verify.</summary>
    InvalidSignature,
    /// <summary>The <c>iss</c> claim is not the provider's issuer.</summary>
    InvalidIssuer,
    /// <summary>The <c>aud</c> claim does not contain the client id, or has other audiences without <c>azp</c> naming the client.</summary>
    InvalidAudience,
    /// <summary>The ID token has expired, has no <c>exp</c>, or its <c>iat</c>/<c>nbf</c> is unacceptable.</summary>
    InvalidLifetime,
    /// <summary>The ID token's <c>nonce</c> is missing or not the one this sign-in sent.</summary>
    InvalidNonce,
    /// <summary>The subject is missing or not a usable identifier.</summary>
    InvalidSubject,
    /// <summary>The userinfo endpoint failed, or its <c>sub</c> differs from the ID token's.</summary>
    UserInfoFailed,
    /// <summary>The GitHub user API failed or answered something unusable.</summary>
    UserApiFailed,
    /// <summary>The application's <see cref="ParleyOAuthOptions.OnOAuthLogin"/> hook denied the sign-in, or the user is disabled.</summary>
    Denied,
    /// <summary>Linking: the identity is already linked to another account.</summary>
    LinkConflict,
    /// <summary>Linking: the browser is no longer signed in to the account that started the link.</summary>
    LinkSessionMismatch,
}

/// <summary>A sign-in step failed for <see cref="Failure"/>. The message never contains a token or code.</summary>
internal sealed class OAuthSignInException(OAuthFailure failure, string? detail = null, Exception? inner = null)
    : Exception(detail is null ? failure.ToString() : $"{failure}: {detail}", inner)
{
    public OAuthFailure Failure { get; } = failure;
}
