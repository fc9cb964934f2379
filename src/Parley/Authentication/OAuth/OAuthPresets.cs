using System.Text.RegularExpressions;

namespace Parley.Authentication.OAuth;

/// <summary>
/// Turns a provider's settings into an <see cref="OAuthProvider"/>, applying its preset, or lists
/// what is wrong with them, naming each setting.
/// </summary>
internal static partial class OAuthPresets
{
    /// <summary>The ID token algorithms Parley can verify; every one asymmetric.</summary>
    public static readonly IReadOnlySet<string> SupportedAlgorithms = new HashSet<string>(ParleyOAuthDefaults.AllowedAlgorithms, StringComparer.Ordinal);

    private static readonly string[] OidcScopes = ["openid", "profile", "email"];
    private static readonly string[] GitHubScopes = ["read:user", "user:email"];

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")]
    private static partial Regex ProviderIdPattern();

    [GeneratedRegex("^[a-z]{2}(?:-[a-z]+)+-[0-9]$")]
    private static partial Regex AwsRegionPattern();

    [GeneratedRegex("^[a-z]{2}(?:-[a-z]+)+-[0-9]_[A-Za-z0-9]+$")]
    private static partial Regex UserPoolIdPattern();

    /// <summary>The preset a provider uses: the configured one, else the one named like its id, else generic OpenID Connect.</summary>
    public static OAuthPreset PresetOf(string id, OAuthProviderOptions options) =>
        options.Preset ?? (Enum.TryParse<OAuthPreset>(id, ignoreCase: true, out var named) && !int.TryParse(id, out _) ? named : OAuthPreset.Oidc);

    /// <summary>Resolves one provider; <paramref name="errors"/> gets a message per bad setting.</summary>
    public static OAuthProvider? Resolve(string id, OAuthProviderOptions options, List<string> errors)
    {
        var key = $"{ParleyOAuthDefaults.ConfigurationSection}:Providers:{id}";
        var count = errors.Count;
        if (!ProviderIdPattern().IsMatch(id))
        {
            errors.Add($"{key}: the provider id '{id}' must be 1-32 lowercase letters, digits and '-' (e.g. 'google'); it is used in URLs.");
        }
        var preset = PresetOf(id, options);
        if (!Enum.IsDefined(preset))
        {
            errors.Add($"{key}:Preset must be one of {string.Join(", ", Enum.GetNames<OAuthPreset>())}.");
            return null;
        }
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{key}:ClientId must be set to the client id the provider issued.");
        }
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add($"{key}:ClientSecret must be set to the client secret the provider issued.");
        }

        string? apiUrl = null;
        var authority = preset == OAuthPreset.GitHub ? null : ResolveAuthority(key, preset, options, errors);
        if (preset == OAuthPreset.GitHub)
        {
            authority = OptionalUrl(key, "BaseUrl", options.BaseUrl, options.RequireHttps, errors) ?? "https://github.com";
            apiUrl = OptionalUrl(key, "ApiUrl", options.ApiUrl, options.RequireHttps, errors)
                ?? (options.BaseUrl is null ? "https://api.github.com" : authority + "/api/v3");
        }

        var scopes = options.Scopes is { Count: > 0 } configured ? configured.ToArray() : preset == OAuthPreset.GitHub ? GitHubScopes : OidcScopes;
        if (scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Any(char.IsWhiteSpace)))
        {
            errors.Add($"{key}:Scopes must not contain blank entries or spaces (one scope per entry).");
        }
        if (preset != OAuthPreset.GitHub && !scopes.Contains("openid", StringComparer.Ordinal))
        {
            errors.Add($"{key}:Scopes must include 'openid' for an OpenID Connect provider.");
        }

        var algorithms = options.AllowedAlgorithms is { Count: > 0 } listed ? listed.ToArray() : [.. ParleyOAuthDefaults.AllowedAlgorithms];
        foreach (var algorithm in algorithms.Where(a => !SupportedAlgorithms.Contains(a)))
        {
            errors.Add(algorithm.StartsWith("HS", StringComparison.OrdinalIgnoreCase) || algorithm.Equals("none", StringComparison.OrdinalIgnoreCase)
                ? $"{key}:AllowedAlgorithms must not contain '{algorithm}': ID tokens signed with 'none' or an HMAC are never accepted."
                : $"{key}:AllowedAlgorithms contains '{algorithm}'; supported: {string.Join(", ", SupportedAlgorithms)}.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > ParleyOAuthDefaults.MaximumClockSkew)
        {
            errors.Add($"{key}:ClockSkew must be between 00:00:00 and {ParleyOAuthDefaults.MaximumClockSkew}; it is {options.ClockSkew}.");
        }

        var claims = options.Claims ?? new OAuthClaimMapping();
        foreach (var (name, value) in new[] { ("Subject", claims.Subject), ("Email", claims.Email), ("EmailVerified", claims.EmailVerified), ("Name", claims.Name), ("Picture", claims.Picture), ("Groups", claims.Groups) })
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{key}:Claims:{name} must not be blank; remove it to use the default.");
            }
        }

        if (options.DisplayName is not null && !ClaimValueRules.IsValidDisplayName(options.DisplayName))
        {
            errors.Add($"{key}:DisplayName must be 1-256 printable characters.");
        }

        if (errors.Count > count)
        {
            return null;
        }

        return new OAuthProvider
        {
            Id = id,
            DisplayName = options.DisplayName ?? DefaultDisplayName(preset, id),
            Preset = preset,
            ClientId = options.ClientId!,
            ClientSecret = options.ClientSecret!,
            Authority = authority!,
            IssuerAliases = preset == OAuthPreset.Google && options.Authority is null ? ["accounts.google.com"] : [],
            ApiUrl = apiUrl,
            Scopes = scopes,
            Claims = new ResolvedClaimMapping(
                claims.Subject ?? "sub",
                claims.Email ?? "email",
                claims.EmailVerified ?? "email_verified",
                claims.Name ?? "name",
                claims.Picture ?? "picture",
                claims.Groups ?? (preset == OAuthPreset.Cognito ? "cognito:groups" : "groups")),
            UseUserInfo = options.UseUserInfo,
            AllowedAlgorithms = new HashSet<string>(algorithms, StringComparer.Ordinal),
            SignOutAtProvider = options.SignOutAtProvider,
            RequireHttps = options.RequireHttps,
            ClockSkew = options.ClockSkew,
        };
    }

    private static string? ResolveAuthority(string key, OAuthPreset preset, OAuthProviderOptions options, List<string> errors)
    {
        if (options.Authority is not null)
        {
            return Url(key, "Authority", options.Authority, options.RequireHttps, errors);
        }
        switch (preset)
        {
            case OAuthPreset.Google:
                return "https://accounts.google.com";
            case OAuthPreset.EntraId:
                if (!Guid.TryParse(options.Tenant, out var tenant))
                {
                    errors.Add($"{key}:Tenant must be the directory (tenant) id, a GUID from the Entra admin center's Overview page; "
                        + "'common', 'organizations', 'consumers' and domain names are not supported (their ID tokens' issuer is another tenant's).");
                    return null;
                }
                return $"https://login.microsoftonline.com/{tenant:D}/v2.0";
            case OAuthPreset.GitLab:
                return OptionalUrl(key, "BaseUrl", options.BaseUrl, options.RequireHttps, errors) ?? "https://gitlab.com";
            case OAuthPreset.Keycloak:
                var baseUrl = options.BaseUrl is null ? null : OptionalUrl(key, "BaseUrl", options.BaseUrl, options.RequireHttps, errors);
                if (options.BaseUrl is null)
                {
                    errors.Add($"{key}:BaseUrl must be set to the Keycloak server's URL, e.g. https://sso.example.com.");
                }
                if (string.IsNullOrWhiteSpace(options.Realm) || options.Realm.IndexOfAny(['/', '?', '#', '\\']) >= 0)
                {
                    errors.Add($"{key}:Realm must be set to the Keycloak realm's name.");
                    return null;
                }
                return baseUrl is null ? null : $"{baseUrl}/realms/{Uri.EscapeDataString(options.Realm)}";
            case OAuthPreset.Auth0:
                return Domain(key, options.Domain, errors) is { } auth0 ? $"https://{auth0}/" : null;
            case OAuthPreset.Okta:
                if (Domain(key, options.Domain, errors) is not { } okta)
                {
                    return null;
                }
                var server = options.AuthorizationServer ?? "default";
                if (server.Length > 0 && !server.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    errors.Add($"{key}:AuthorizationServer must be an Okta authorization server id (letters and digits), 'default', or empty for the org authorization server.");
                    return null;
                }
                return server.Length == 0 ? $"https://{okta}" : $"https://{okta}/oauth2/{server}";
            case OAuthPreset.Cognito:
                if (options.Region is null || !AwsRegionPattern().IsMatch(options.Region))
                {
                    errors.Add($"{key}:Region must be the user pool's AWS region, e.g. eu-west-1.");
                    return null;
                }
                if (options.UserPoolId is null || !UserPoolIdPattern().IsMatch(options.UserPoolId))
                {
                    errors.Add($"{key}:UserPoolId must be the Cognito user pool id, e.g. {options.Region}_AbCdEf123.");
                    return null;
                }
                return $"https://cognito-idp.{options.Region}.amazonaws.com/{options.UserPoolId}";
            default:
                errors.Add($"{key}:Authority must be set to the provider's issuer URL (its discovery document is at {{Authority}}/.well-known/openid-configuration).");
                return null;
        }
    }

    private static string? Domain(string key, string? domain, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(domain) || Uri.CheckHostName(domain) != UriHostNameType.Dns || domain.Contains(':'))
        {
            errors.Add($"{key}:Domain must be the tenant's host name only, e.g. example.eu.auth0.com or example.okta.com (no https://, no path).");
            return null;
        }
        return domain.ToLowerInvariant();
    }

    private static string? OptionalUrl(string key, string setting, string? value, bool requireHttps, List<string> errors) =>
        value is null ? null : Url(key, setting, value, requireHttps, errors);

    /// <summary>An absolute http(s) URL without query, fragment or credentials, returned without a trailing slash (except Auth0-style issuers keep theirs).</summary>
    private static string? Url(string key, string setting, string value, bool requireHttps, List<string> errors)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            errors.Add($"{key}:{setting} must be an absolute http(s) URL without query or fragment; it is '{value}'.");
            return null;
        }
        if (requireHttps && uri.Scheme != "https")
        {
            errors.Add($"{key}:{setting} must use https (set {key}:RequireHttps to false only for a development provider); it is '{value}'.");
            return null;
        }
        return setting == "Authority" ? value : value.TrimEnd('/');
    }

    private static string DefaultDisplayName(OAuthPreset preset, string id) => preset switch
    {
        OAuthPreset.Google => "Google",
        OAuthPreset.EntraId => "Microsoft",
        OAuthPreset.GitLab => "GitLab",
        OAuthPreset.Keycloak => "Keycloak",
        OAuthPreset.Auth0 => "Auth0",
        OAuthPreset.Okta => "Okta",
        OAuthPreset.Cognito => "Amazon Cognito",
        OAuthPreset.GitHub => "GitHub",
        _ => id,
    };
}
