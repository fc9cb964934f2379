namespace Parley.Authentication.Copilot;

/// <summary>
/// Why a copilot token was rejected. It is logged and passed to
/// <see cref="CopilotTokenEvents.OnAuthenticationFailed"/>; the client only ever sees a 401.
/// </summary>
public enum CopilotTokenFailure
{
    /// <summary>Not a well-formed JWS compact token (parts, base64url, JSON, claim types or a <c>crit</c> header).</summary>
    Malformed,

    /// <summary>Longer than <see cref="CopilotTokenDefaults.MaximumTokenLength"/>.</summary>
    TooLong,

    /// <summary>The header's <c>alg</c> is not the configured <see cref="CopilotTokenOptions.Algorithm"/>.</summary>
    AlgorithmMismatch,

    /// <summary>The signature does not verify with the configured secret or any configured public key.</summary>
    InvalidSignature,

    /// <summary>The token has no <c>exp</c> claim.</summary>
    MissingExpiration,

    /// <summary>The token expired (beyond the clock skew).</summary>
    Expired,

    /// <summary>The token's <c>nbf</c> is in the future (beyond the clock skew).</summary>
    NotYetValid,

    /// <summary>The token's <c>iat</c> is in the future (beyond the clock skew).</summary>
    IssuedInFuture,

    /// <summary>The token lives longer than <see cref="CopilotTokenOptions.MaxTokenLifetime"/>.</summary>
    LifetimeTooLong,

    /// <summary>An issuer is configured and the token's <c>iss</c> is missing or different.</summary>
    InvalidIssuer,

    /// <summary>An audience is configured and the token's <c>aud</c> is missing or does not contain it.</summary>
    InvalidAudience,

    /// <summary>The <c>identifier</c> (or, when it is absent, <c>sub</c>) claim is missing or not a valid identifier.</summary>
    InvalidIdentifier,

    /// <summary><c>display_name</c>, <c>email</c> or <c>metadata</c> has the wrong type or an invalid value.</summary>
    InvalidClaims,
}
