namespace Parley.Authentication.Copilot;

/// <summary>Constants and defaults of copilot token authentication.</summary>
public static class CopilotTokenDefaults
{
    /// <summary>The default scheme name: <c>Parley.Copilot</c>.</summary>
    public const string AuthenticationScheme = "Parley.Copilot";

    /// <summary>The configuration section the options are bound from: <c>Parley:Auth:Copilot</c>.</summary>
    public const string ConfigurationSection = "Parley:Auth:Copilot";

    /// <summary>The value of the <see cref="ParleyClaimTypes.AuthMode"/> claim: <c>copilot</c>.</summary>
    public const string AuthMode = "copilot";

    /// <summary>The fewest bytes (UTF-8) an HS256 secret may have: 32, the size of the HMAC-SHA256 output.</summary>
    public const int MinimumSecretBytes = 32;

    /// <summary>
    /// The longest token accepted, in characters (8 KiB). Longer tokens are rejected before any
    /// parsing, which bounds the work an unauthenticated request can cause.
    /// </summary>
    public const int MaximumTokenLength = 8 * 1024;

    /// <summary>The default longest lifetime of a token: 1 hour.</summary>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>The default clock skew tolerated on <c>exp</c>, <c>nbf</c> and <c>iat</c>: 30 seconds.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The largest clock skew that may be configured: 5 minutes.</summary>
    public static readonly TimeSpan MaximumClockSkew = TimeSpan.FromMinutes(5);
}
