using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Parley.Authentication.OAuth;

/// <summary>
/// What <see cref="ParleyOAuthOptions.OnOAuthLogin"/> receives: the provider, its validated claims
/// and the user about to be signed in, whom the hook may change or refuse.
/// </summary>
public sealed class OAuthLoginContext
{
    internal OAuthLoginContext(HttpContext httpContext, string provider, string issuer, string subject,
        IReadOnlyDictionary<string, JsonElement> claims, string? email, bool emailVerified, OAuthUser user)
    {
        HttpContext = httpContext;
        Provider = provider;
        Issuer = issuer;
        Subject = subject;
        Claims = claims;
        Email = email;
        EmailVerified = emailVerified;
        User = user;
    }

    /// <summary>The request (its <see cref="HttpContext.RequestServices"/> give access to the app's services).</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The provider's configured id, e.g. <c>google</c>.</summary>
    public string Provider { get; }

    /// <summary>The issuer of the identity (with <see cref="Subject"/>, who the user is at the provider).</summary>
    public string Issuer { get; }

    /// <summary>The user's subject at <see cref="Issuer"/>.</summary>
    public string Subject { get; }

    /// <summary>
    /// Every claim the provider asserted, validated: the ID token's claims with the userinfo
    /// response's on top (GitHub: the user API's fields).
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Claims { get; }

    /// <summary>The email the provider gave, verified or not (see <see cref="EmailVerified"/>).</summary>
    public string? Email { get; }

    /// <summary>Whether the provider says it verified <see cref="Email"/>.</summary>
    public bool EmailVerified { get; }

    /// <summary>The Parley user about to be signed in; change it to enrich the user.</summary>
    public OAuthUser User { get; }

    /// <summary>Whether the hook refused the sign-in.</summary>
    public bool IsDenied { get; private set; }

    /// <summary>Refuses the sign-in: the user is not signed in and the login page shows that access was denied.</summary>
    public void Deny() => IsDenied = true;
}

/// <summary>The Parley user an OAuth sign-in resolves to, as the <see cref="ParleyOAuthOptions.OnOAuthLogin"/> hook sees it.</summary>
public sealed class OAuthUser
{
    internal OAuthUser(string identifier, bool isNew, string? displayName, string? email, JsonObject metadata, IEnumerable<string> roles)
    {
        Identifier = identifier;
        IsNew = isNew;
        DisplayName = displayName;
        Email = email;
        Metadata = metadata;
        Roles = [.. roles];
    }

    /// <summary>
    /// The user's unique identifier in Parley: for a new user <c>{provider}:{subject}</c>, for a
    /// returning or linked one whatever their account has.
    /// </summary>
    public string Identifier { get; }

    /// <summary>Whether this sign-in creates the user (no account is linked to this identity yet).</summary>
    public bool IsNew { get; }

    /// <summary>The display name (default: the provider's name claim). Stored with the user.</summary>
    public string? DisplayName { get; set; }

    /// <summary>
    /// The email put in the session (<c>ClaimTypes.Email</c>). Default: the provider's email only
    /// when it is verified, otherwise null. Set it only to an address you trust.
    /// </summary>
    public string? Email { get; set; }

    /// <summary>The user's metadata (Chainlit's <c>User.metadata</c>): starts as what is stored; changes are stored.</summary>
    public JsonObject Metadata { get; set; }

    /// <summary>The roles put in the session (<c>ClaimTypes.Role</c>). Default: the provider's groups.</summary>
    public IList<string> Roles { get; }
}
