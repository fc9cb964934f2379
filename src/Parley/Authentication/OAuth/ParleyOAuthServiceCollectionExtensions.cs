using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Authentication.OAuth;
using Parley.Authentication.TrustedHeader;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OAuth 2.0 / OpenID Connect sign-in.</summary>
public static class ParleyOAuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds sign-in through the providers configured in <c>Parley:Auth:OAuth</c> (one scheme
    /// <c>Parley.OAuth.{id}</c> each), then applies <paramref name="configure"/>, for example to set
    /// <see cref="ParleyOAuthOptions.OnOAuthLogin"/>. <c>AddParley()</c> already calls it, so
    /// providers in configuration work without code. Settings are validated at start-up.
    /// </summary>
    /// <example><code>
    /// builder.Services.AddParleyOAuth(oauth => oauth.OnOAuthLogin = login =>
    /// {
    ///     if (!login.EmailVerified || !login.Email!.EndsWith("@example.com")) login.Deny();
    ///     return Task.CompletedTask;
    /// });
    /// </code></example>
    public static IServiceCollection AddParleyOAuth(this IServiceCollection services, Action<ParleyOAuthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ParleyOAuthOptions>();
        if (!services.Any(d => d.ServiceType == typeof(OAuthProviders)))
        {
            options.BindConfiguration(ParleyOAuthDefaults.ConfigurationSection).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ParleyOAuthOptions>, ParleyOAuthOptionsValidator>());
            services.AddSingleton<OAuthProviders>();
            services.AddSingleton<PublicOrigin>();
            services.AddSingleton<OidcConfigurationCache>();
            services.AddSingleton<UserIdentityStore>();
            services.AddSingleton<OAuthSignIn>();
            services.TryAddTransient<OidcHandler>();
            services.TryAddTransient<GitHubHandler>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OAuthProviderHandlerOptions>, ConfigureOAuthHandlerOptions>());

            // Schemes come from configuration, so they are added when the authentication options
            // are built, from the validated providers.
            services.AddAuthentication();
            services.AddOptions<AuthenticationOptions>().Configure<OAuthProviders>((authentication, providers) =>
            {
                foreach (var provider in providers.All)
                {
                    authentication.AddScheme(provider.SchemeName, scheme =>
                    {
                        scheme.HandlerType = provider.IsOpenIdConnect ? typeof(OidcHandler) : typeof(GitHubHandler);
                        scheme.DisplayName = provider.DisplayName;
                    });
                }
            });

            if (!services.Any(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType == typeof(TransportPeerStartupFilter)))
            {
                // The TCP peer, before any forwarded-headers processing, for TrustedProxies.
                services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, TransportPeerStartupFilter>());
            }
        }
        if (configure is not null)
        {
            options.Configure(configure);
        }
        return services;
    }
}
