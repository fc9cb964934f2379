namespace Parley.Authentication.OAuth;

/// <summary>
/// Ready-made provider configurations (<c>Preset</c>). Each is configuration over the generic
/// OpenID Connect support, except <see cref="GitHub"/>, which speaks plain OAuth 2.0.
/// </summary>
public enum OAuthPreset
{
    /// <summary>Any OpenID Connect provider, from <see cref="OAuthProviderOptions.Authority"/>.</summary>
    Oidc,

    /// <summary>Google (<c>https://accounts.google.com</c>).</summary>
    Google,

    /// <summary>Microsoft Entra ID, one tenant (<see cref="OAuthProviderOptions.Tenant"/>).</summary>
    EntraId,

    /// <summary>GitLab.com, or a self-managed GitLab at <see cref="OAuthProviderOptions.BaseUrl"/>.</summary>
    GitLab,

    /// <summary>A Keycloak realm (<see cref="OAuthProviderOptions.BaseUrl"/> and <see cref="OAuthProviderOptions.Realm"/>).</summary>
    Keycloak,

    /// <summary>An Auth0 tenant (<see cref="OAuthProviderOptions.Domain"/>).</summary>
    Auth0,

    /// <summary>An Okta authorization server (<see cref="OAuthProviderOptions.Domain"/>, <see cref="OAuthProviderOptions.AuthorizationServer"/>).</summary>
    Okta,

    /// <summary>An AWS Cognito user pool (<see cref="OAuthProviderOptions.Region"/>, <see cref="OAuthProviderOptions.UserPoolId"/>).</summary>
    Cognito,

    /// <summary>GitHub (plain OAuth 2.0: the user API and the verified emails API), or GitHub Enterprise Server.</summary>
    GitHub,
}
