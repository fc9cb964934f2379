using System.Security.Claims;

namespace Parley.Authentication;

/// <summary>
/// Claim types Parley adds to the principals its authentication handlers produce.
/// </summary>
/// <remarks>
/// Every Parley handler produces an identity whose <see cref="ClaimsIdentity.AuthenticationType"/> is the
/// scheme name, with <see cref="ClaimTypes.NameIdentifier"/> (the user's unique identifier, always present),
/// optionally <see cref="ClaimTypes.Name"/> (display name) and <see cref="ClaimTypes.Email"/>,
/// <see cref="Metadata"/> (optional), <see cref="AuthMode"/> (always present) and, for header
/// authentication, one <see cref="ClaimTypes.Role"/> claim per group.
/// </remarks>
public static class ParleyClaimTypes
{
    /// <summary>A JSON object (as a string) of application-defined user metadata.</summary>
    public const string Metadata = "parley:metadata";

    /// <summary>How the user authenticated, for example <c>copilot</c> or <c>header</c>.</summary>
    public const string AuthMode = "parley:auth_mode";
}
