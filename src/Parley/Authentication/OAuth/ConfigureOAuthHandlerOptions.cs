using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Parley.Authentication.OAuth;

/// <summary>Configures each provider's scheme options from its <see cref="OAuthProvider"/>.</summary>
internal sealed class ConfigureOAuthHandlerOptions(OAuthProviders providers, IDataProtectionProvider dataProtection, TimeProvider time)
    : IConfigureNamedOptions<OAuthProviderHandlerOptions>
{
    private static readonly TimeSpan BackchannelTimeout = TimeSpan.FromSeconds(30);

    public void Configure(OAuthProviderHandlerOptions options)
    {
    }

    public void Configure(string? name, OAuthProviderHandlerOptions options)
    {
        if (name is null || providers.FindByScheme(name) is not { } provider)
        {
            return;
        }
        options.Provider = provider;
        options.ClientId = provider.ClientId;
        options.ClientSecret = provider.ClientSecret;
        // The callback endpoint is mapped per app; this app-root path only documents its shape.
        options.CallbackPath = $"/api/auth/oauth/{provider.Id}/callback";
        options.SignInScheme = ParleyAuthenticationDefaults.SessionScheme;
        options.UsePkce = true;
        options.SaveTokens = false;
        options.TimeProvider = time;
        foreach (var scope in provider.Scopes)
        {
            options.Scope.Add(scope);
        }
        if (!provider.IsOpenIdConnect)
        {
            options.AuthorizationEndpoint = provider.Authority + "/login/oauth/authorize";
            options.TokenEndpoint = provider.Authority + "/login/oauth/access_token";
            options.UserInformationEndpoint = provider.ApiUrl + "/user";
        }

        // Lax, not the default None: the callback is a top-level GET from the provider, which
        // carries Lax cookies, and None would need Secure, which plain-HTTP development lacks.
        options.CorrelationCookie.Path = "/";
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.CorrelationCookie.HttpOnly = true;
        options.StateDataFormat = new PropertiesDataFormat(dataProtection.CreateProtector(typeof(ParleyOAuthHandler).FullName!, name, "v1"));

        options.BackchannelTimeout = BackchannelTimeout;
        // Redirects are not followed: a provider's endpoints are where its discovery document says.
        var backchannel = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = BackchannelTimeout,
            MaxResponseContentBufferSize = BoundedJson.MaxResponseBytes,
        };
        backchannel.DefaultRequestHeaders.UserAgent.ParseAdd("Parley");
        options.Backchannel = backchannel;
    }
}
