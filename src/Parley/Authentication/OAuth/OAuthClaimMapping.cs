namespace Parley.Authentication.OAuth;

/// <summary>
/// Which claims of the ID token and userinfo response (<c>Claims</c>) carry the user's details.
/// Unset names take the preset's default, shown here.
/// </summary>
public sealed class OAuthClaimMapping
{
    /// <summary>
    /// The subject (<c>Subject</c>, default <c>sub</c>): with the issuer, the identity of the user.
    /// Always read from the signed ID token. Only change it to a claim the provider guarantees
    /// to be unique and never reassigned.
    /// </summary>
    public string? Subject { get; set; }

    /// <summary>The email address (<c>Email</c>, default <c>email</c>).</summary>
    public string? Email { get; set; }

    /// <summary>
    /// Whether the provider verified the email (<c>EmailVerified</c>, default <c>email_verified</c>):
    /// JSON <c>true</c> or the string <c>"true"</c>; anything else means unverified.
    /// </summary>
    public string? EmailVerified { get; set; }

    /// <summary>The display name (<c>Name</c>, default <c>name</c>).</summary>
    public string? Name { get; set; }

    /// <summary>The picture URL (<c>Picture</c>, default <c>picture</c>).</summary>
    public string? Picture { get; set; }

    /// <summary>The groups, a string array or one string (<c>Groups</c>, default <c>groups</c>; Cognito: <c>cognito:groups</c>).</summary>
    public string? Groups { get; set; }
}
