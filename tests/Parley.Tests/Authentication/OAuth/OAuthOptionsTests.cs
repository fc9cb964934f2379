using Microsoft.Extensions.Options;
using Parley.Authentication.OAuth;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>Presets expand to the right issuers; bad settings stop start-up with a message naming the setting.</summary>
public sealed class OAuthOptionsTests
{
    [Theory]
    [InlineData("google", null, "https://accounts.google.com")]
    [InlineData("entraid", "Tenant=7d9a3c1e-52b1-4a4e-9d1c-0f3c2b1a6e55", "https://login.microsoftonline.com/7d9a3c1e-52b1-4a4e-9d1c-0f3c2b1a6e55/v2.0")]
    [InlineData("gitlab", null, "https://gitlab.com")]
    [InlineData("gitlab", "BaseUrl=https://git.example.com/", "https://git.example.com")]
    [InlineData("keycloak", "BaseUrl=https://sso.example.com;Realm=staff", "https://sso.example.com/realms/staff")]
    [InlineData("auth0", "Domain=example.eu.auth0.com", "https://example.eu.auth0.com/")]
    [InlineData("okta", "Domain=example.okta.com", "https://example.okta.com/oauth2/default")]
    [InlineData("okta", "Domain=example.okta.com;AuthorizationServer=", "https://example.okta.com")]
    [InlineData("cognito", "Region=eu-west-1;UserPoolId=eu-west-1_AbCdEf123", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123")]
    [InlineData("github", null, "https://github.com")]
    [InlineData("corp", "Authority=https://idp.example.com/tenant", "https://idp.example.com/tenant")]
    public void Each_preset_resolves_to_its_providers_issuer(string id, string? settings, string authority)
    {
        var options = new OAuthProviderOptions { ClientId = "id", ClientSecret = "secret" };
        foreach (var setting in (settings ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
            typeof(OAuthProviderOptions).GetProperty(name)!.SetValue(options, value);
        }
        var errors = new List<string>();

        var provider = OAuthPresets.Resolve(id, options, errors);

        Assert.Empty(errors);
        Assert.Equal(authority, provider!.Authority);
    }

    [Fact]
    public void Github_defaults_to_its_api_and_plain_oauth_scopes()
    {
        var provider = OAuthPresets.Resolve("github", new OAuthProviderOptions { ClientId = "id", ClientSecret = "secret" }, [])!;

        Assert.False(provider.IsOpenIdConnect);
        Assert.Equal("https://api.github.com", provider.ApiUrl);
        Assert.Equal(["read:user", "user:email"], provider.Scopes);
    }

    [Fact]
    public void Cognito_reads_groups_from_its_own_claim()
    {
        var provider = OAuthPresets.Resolve("cognito", new OAuthProviderOptions
        {
            ClientId = "id", ClientSecret = "secret", Region = "us-east-1", UserPoolId = "us-east-1_Abc123",
        }, [])!;

        Assert.Equal("cognito:groups", provider.Claims.Groups);
    }

    [Theory]
    [InlineData("Parley:Auth:OAuth:Providers:corp:ClientSecret", "Parley:Auth:OAuth:Providers:corp:ClientSecret must be set")]
    [InlineData("Parley:Auth:OAuth:Providers:corp:Authority", "Parley:Auth:OAuth:Providers:corp:Authority must be set")]
    public async Task A_missing_setting_stops_start_up_naming_it(string removed, string message)
    {
        var settings = Valid("corp");
        settings.Remove(removed);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => OAuthTestApp.StartAsync(settings));

        Assert.Contains(error.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AllowedAlgorithms:0", "none", "must not contain 'none'")]
    [InlineData("AllowedAlgorithms:0", "HS256", "must not contain 'HS256'")]
    [InlineData("Authority", "http://idp.example.com", "must use https")]
    [InlineData("Scopes:0", "profile", "must include 'openid'")]
    [InlineData("ClockSkew", "00:10:00", "ClockSkew must be between")]
    [InlineData("Preset", "EntraId", "Tenant must be the directory (tenant) id")]
    [InlineData("Preset", "Keycloak", "Realm must be set")]
    public async Task An_unsafe_or_unusable_setting_stops_start_up_naming_it(string setting, string value, string message)
    {
        var settings = Valid("corp");
        settings.Remove("Parley:Auth:OAuth:Providers:corp:RequireHttps");
        if (setting == "Preset")
        {
            settings.Remove("Parley:Auth:OAuth:Providers:corp:Authority");
        }
        settings[$"Parley:Auth:OAuth:Providers:corp:{setting}"] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => OAuthTestApp.StartAsync(settings));

        Assert.Contains(error.Failures, f => f.StartsWith($"Parley:Auth:OAuth:Providers:corp:", StringComparison.Ordinal) && f.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Providers:Google:ClientId", "id", "the provider id 'Google' must be")]
    [InlineData("PublicOrigin", "https://chat.example.com/path", "PublicOrigin must be an origin")]
    [InlineData("PublicOrigin", "chat.example.com", "PublicOrigin must be an origin")]
    [InlineData("TrustedProxies:0", "0.0.0.0/0", "TrustedProxies:0")]
    public async Task Bad_global_settings_stop_start_up_naming_them(string setting, string value, string message)
    {
        var settings = Valid("corp");
        settings[$"Parley:Auth:OAuth:{setting}"] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => OAuthTestApp.StartAsync(settings));

        Assert.Contains(error.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Valid(string id) =>
        OAuthTestApp.OidcProvider(id, "https://idp.example.com", "client", "secret");
}
