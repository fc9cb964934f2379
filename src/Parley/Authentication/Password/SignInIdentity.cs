using System.Security.Claims;
using Parley.Authentication.Sessions;

namespace Parley.Authentication.Password;

/// <summary>Who a password sign-in established, and how; becomes the session's principal.</summary>
internal sealed record SignInIdentity(string Identifier, string? DisplayName, string? Metadata, string AuthMode, string? SecurityStamp)
{
    public const string PasswordMode = "password";
    public const string AccountsMode = "accounts";

    public ClaimsPrincipal ToPrincipal()
    {
        const string issuer = ParleyAuthenticationDefaults.SessionScheme;
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, Identifier, ClaimValueTypes.String, issuer),
            new(ParleyClaimTypes.AuthMode, AuthMode, ClaimValueTypes.String, issuer),
        ];
        if (DisplayName is not null)
        {
            claims.Add(new Claim(ClaimTypes.Name, DisplayName, ClaimValueTypes.String, issuer));
        }
        if (Metadata is not null)
        {
            claims.Add(new Claim(ParleyClaimTypes.Metadata, Metadata, ClaimValueTypes.String, issuer));
        }
        if (SecurityStamp is not null)
        {
            claims.Add(new Claim(ParleySessionDefaults.SecurityStampClaimType, SecurityStamp, ClaimValueTypes.String, issuer));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ParleyAuthenticationDefaults.SessionScheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
