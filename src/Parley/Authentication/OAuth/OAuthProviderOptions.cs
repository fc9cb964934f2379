namespace Parley.Authentication.OAuth;

/// <summary>
/// One sign-in provider (<c>Parley:Auth:OAuth:Providers:{id}</c>). The id names the provider in
/// URLs and in new users' identifiers; a preset fills in the rest from a few settings.
/// </summary>
public sealed class OAuthProviderOptions
{
    /// <summary>
    /// The preset (<c>Preset</c>). When unset it is the preset named like the provider id
    /// (<c>google</c>, <c>github</c>, <c>entraid</c>, …), otherwise <see cref="OAuthPreset.Oidc"/>.
    /// </summary>
    public OAuthPreset? Preset { get; set; }

    /// <summary>The name on the sign-in button (<c>DisplayName</c>). Default: the preset's name, or the id.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The client id the provider issued (<c>ClientId</c>). Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret the provider issued (<c>ClientSecret</c>). Required; keep it out of source control.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The issuer (<c>Authority</c>): its <c>/.well-known/openid-configuration</c> is the discovery
    /// document, whose <c>issuer</c> must match. Required for <see cref="OAuthPreset.Oidc"/>; for
    /// the other presets it overrides the computed one (a sovereign cloud, a test stand-in).
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The directory (tenant) id, a GUID (<c>Tenant</c>). Required for <see cref="OAuthPreset.EntraId"/>.</summary>
    public string? Tenant { get; set; }

    /// <summary>The tenant's or organization's host name (<c>Domain</c>), e.g. <c>example.eu.auth0.com</c>. Required for Auth0 and Okta.</summary>
    public string? Domain { get; set; }

    /// <summary>The Okta authorization server id (<c>AuthorizationServer</c>). Default <c>default</c>; empty for the org authorization server.</summary>
    public string? AuthorizationServer { get; set; }

    /// <summary>The AWS region of the Cognito user pool (<c>Region</c>), e.g. <c>eu-west-1</c>.</summary>
    public string? Region { get; set; }

    /// <summary>The Cognito user pool id (<c>UserPoolId</c>), e.g. <c>eu-west-1_AbCdEf123</c>.</summary>
    public string? UserPoolId { get; set; }

    /// <summary>
    /// The server's base URL (<c>BaseUrl</c>): required for Keycloak (e.g. <c>https://sso.example.com</c>);
    /// optional for a self-managed GitLab and for GitHub Enterprise Server.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The Keycloak realm (<c>Realm</c>).</summary>
    public string? Realm { get; set; }

    /// <summary>GitHub only: the REST API's base URL (<c>ApiUrl</c>). Default <c>https://api.github.com</c>, or <c>{BaseUrl}/api/v3</c> when BaseUrl is set.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>The scopes requested (<c>Scopes</c>). Default <c>openid profile email</c> (GitHub: <c>read:user user:email</c>). OpenID Connect needs <c>openid</c>.</summary>
    public IList<string>? Scopes { get; set; }

    /// <summary>Which claims carry the user's details (<c>Claims</c>).</summary>
    public OAuthClaimMapping Claims { get; set; } = new();

    /// <summary>Whether to call the provider's userinfo endpoint, when it has one (<c>UseUserInfo</c>). Default true.</summary>
    public bool UseUserInfo { get; set; } = true;

    /// <summary>
    /// The ID token signature algorithms accepted (<c>AllowedAlgorithms</c>). Default RS256/384/512,
    /// PS256/384/512, ES256/384/512. <c>none</c> and HMAC (<c>HS*</c>) are never accepted.
    /// </summary>
    public IList<string>? AllowedAlgorithms { get; set; }

    /// <summary>
    /// Whether signing out of Parley also signs out at the provider (RP-initiated logout) when its
    /// discovery document has an <c>end_session_endpoint</c> (<c>SignOutAtProvider</c>). Default true.
    /// </summary>
    public bool SignOutAtProvider { get; set; } = true;

    /// <summary>
    /// Whether the provider's endpoints must use HTTPS (<c>RequireHttps</c>). Default true; set
    /// false only for a provider on a development machine.
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>The clock difference tolerated on ID token times (<c>ClockSkew</c>). Default 2 minutes, at most 5.</summary>
    public TimeSpan ClockSkew { get; set; } = ParleyOAuthDefaults.ClockSkew;
}
