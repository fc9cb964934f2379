using Microsoft.AspNetCore.Authentication;

namespace Parley.Authentication.Copilot;

/// <summary>
/// Options of copilot token authentication, bound from <c>Parley:Auth:Copilot</c> and validated at start-up.
/// </summary>
/// <remarks>
/// The host site's backend mints a short-lived JWT for its signed-in user and Parley's copilot
/// widget sends it as <c>Authorization: Bearer &lt;jwt&gt;</c>. Exactly one algorithm is accepted;
/// <c>exp</c> is required and the lifetime is capped.
/// </remarks>
public sealed class CopilotTokenOptions : AuthenticationSchemeOptions
{
    private CopilotTokenValidator? _validator;

    /// <summary>Creates options with the defaults.</summary>
    public CopilotTokenOptions() => Events = new CopilotTokenEvents();

    /// <summary>The only algorithm accepted (<c>Algorithm</c>). Default <see cref="CopilotTokenAlgorithm.HS256"/>.</summary>
    public CopilotTokenAlgorithm Algorithm { get; set; } = CopilotTokenAlgorithm.HS256;

    /// <summary>
    /// The HS256 shared secret (<c>Secret</c>), used as its UTF-8 bytes, at least 32 of them.
    /// Required for HS256 and not allowed otherwise. Compatible with Chainlit's <c>CHAINLIT_AUTH_SECRET</c>.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// PEM-encoded public keys (<c>PublicKeys</c>, one key per entry: <c>-----BEGIN PUBLIC KEY-----</c>,
    /// or <c>-----BEGIN RSA PUBLIC KEY-----</c> for RS256). Required for RS256 and ES256 and not allowed
    /// for HS256. A token is accepted if any key verifies it, so keys can be rotated by listing the
    /// new one before retiring the old.
    /// </summary>
    public IList<string> PublicKeys { get; set; } = new List<string>();

    /// <summary>When set (<c>Issuer</c>), tokens must carry exactly this <c>iss</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// When set (<c>Audience</c>), tokens must carry this <c>aud</c> (a string, or an array that
    /// contains it). Set it when the signing key is shared with other services.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>
    /// The longest lifetime a token may have (<c>MaxTokenLifetime</c>): <c>exp - iat</c>, or
    /// <c>exp - now</c> (less the clock skew) when the token has no <c>iat</c>. Default 1 hour.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = CopilotTokenDefaults.MaxTokenLifetime;

    /// <summary>
    /// The clock difference tolerated between the token issuer and this server when checking
    /// <c>exp</c>, <c>nbf</c> and <c>iat</c> (<c>ClockSkew</c>). Default 30 seconds, at most 5 minutes.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = CopilotTokenDefaults.ClockSkew;

    /// <summary>The events the application can handle to read the token from elsewhere, enrich or reject the principal, or observe failures.</summary>
    public new CopilotTokenEvents Events
    {
        get => (CopilotTokenEvents)base.Events!;
        set => base.Events = value;
    }

    /// <summary>
    /// The validator built from these options, created once: options are not changed after they
    /// were validated, and parsing keys on every request would be wasted work.
    /// </summary>
    internal CopilotTokenValidator TokenValidator =>
        LazyInitializer.EnsureInitialized(ref _validator, () => CopilotTokenValidator.Create(this));
}
