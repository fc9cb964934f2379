namespace Parley.Authentication.OAuth;

/// <summary>Constants and defaults of OAuth 2.0 / OpenID Connect sign-in.</summary>
public static class ParleyOAuthDefaults
{
    /// <summary>The configuration section the options are bound from: <c>Parley:Auth:OAuth</c>.</summary>
    public const string ConfigurationSection = "Parley:Auth:OAuth";

    /// <summary>The prefix of each provider's authentication scheme: <c>Parley.OAuth.{provider id}</c>.</summary>
    public const string SchemePrefix = "Parley.OAuth.";

    /// <summary>The value of the <see cref="ParleyClaimTypes.AuthMode"/> claim of users signed in through a provider: <c>oauth</c>.</summary>
    public const string AuthMode = "oauth";

    /// <summary>The claim naming the provider (its configured id) the user signed in through.</summary>
    public const string ProviderClaim = "parley:oauth_provider";

    /// <summary>The default clock skew tolerated on ID token times: 2 minutes.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    /// <summary>The largest clock skew that may be configured: 5 minutes.</summary>
    public static readonly TimeSpan MaximumClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The default time a provider's discovery document and keys are used before they are fetched again: 24 hours.</summary>
    public static readonly TimeSpan DiscoveryRefreshInterval = TimeSpan.FromHours(24);

    /// <summary>
    /// The default least time between two fetches of a provider's keys caused by an ID token
    /// signed with a key Parley does not know yet (key rotation): 5 minutes.
    /// </summary>
    public static readonly TimeSpan KeysRefreshMinimumInterval = TimeSpan.FromMinutes(5);

    /// <summary>The ID token signature algorithms accepted by default: RSA (PKCS#1 v1.5 and PSS) and ECDSA.</summary>
    public static readonly IReadOnlyList<string> AllowedAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];
}
