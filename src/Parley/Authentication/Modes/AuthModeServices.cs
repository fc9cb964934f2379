using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Authentication.Copilot;
using Parley.Authentication.TrustedHeader;
using Parley.Hosting;

namespace Parley.Authentication.Modes;

/// <summary>
/// Registers mode selection: the schemes each <c>Parley:Auth:…:Enabled</c> setting turns on, the
/// selector behind the <c>Parley</c> policy scheme, origin and CORS rules, the hub access-token
/// capture and signed file links. Called once by <c>AddParley()</c>.
/// </summary>
internal static class AuthModeServices
{
    public static void Add(IServiceCollection services)
    {
        SchemeOptionsRegistration.AddOnce<CopilotTokenOptions, CopilotTokenOptionsValidator>(
            services, CopilotTokenDefaults.AuthenticationScheme, CopilotTokenDefaults.ConfigurationSection);
        TrustedHeaderAuthenticationBuilderExtensions.AddServices(services, TrustedHeaderDefaults.AuthenticationScheme);

        services.TryAddTransient<CopilotTokenHandler>();
        services.TryAddTransient<TrustedHeaderHandler>();
        services.TryAddTransient<HostAppAuthenticationHandler>();
        services.TryAddTransient<RefusedOriginHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<AuthenticationOptions>, AddEnabledModeSchemes>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<PolicySchemeOptions>, UseModeSelector>());

        services.TryAddSingleton<ParleyAuthModes>();
        services.TryAddSingleton<ParleyAuthModeSelector>();
        services.TryAddSingleton<OriginPolicy>();
        services.TryAddSingleton<ParleyRequestPaths>();
        services.TryAddSingleton<SignedElementUrls>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ParleyOptions>, AuthModeOptionsValidator>());
        services.AddOptions<AuthModeStartupCheck>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthModeStartupCheck>, AuthModeStartupValidator>());

        CorsSupport.Add(services);
        DecorateHttpContextFactory(services);
    }

    /// <summary>
    /// Wraps the host's <see cref="IHttpContextFactory"/> (registered by the web host before the
    /// app's services) with the capture of the hub's access token.
    /// </summary>
    private static void DecorateHttpContextFactory(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IHttpContextFactory) && d.ImplementationType == typeof(HubAccessTokenHttpContextFactory)))
        {
            return;
        }
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(IHttpContextFactory));
        Func<IServiceProvider, IHttpContextFactory> inner = existing switch
        {
            null => sp => ActivatorUtilities.CreateInstance<DefaultHttpContextFactory>(sp),
            { ImplementationInstance: IHttpContextFactory instance } => _ => instance,
            { ImplementationFactory: { } factory } => sp => (IHttpContextFactory)factory(sp),
            { ImplementationType: { } type } => sp => (IHttpContextFactory)ActivatorUtilities.CreateInstance(sp, type),
            _ => sp => ActivatorUtilities.CreateInstance<DefaultHttpContextFactory>(sp),
        };
        if (existing is not null)
        {
            services.Remove(existing);
        }
        services.AddSingleton<IHttpContextFactory>(sp => new HubAccessTokenHttpContextFactory(inner(sp), sp));
    }

    /// <summary>Registers the schemes of the modes turned on in configuration, unless the app registered them itself.</summary>
    private sealed class AddEnabledModeSchemes(IOptions<ParleyOptions> parley) : IPostConfigureOptions<AuthenticationOptions>
    {
        public void PostConfigure(string? name, AuthenticationOptions options)
        {
            var auth = parley.Value.Auth;
            if (auth.Copilot.Enabled)
            {
                AddIfMissing<CopilotTokenHandler>(options, CopilotTokenDefaults.AuthenticationScheme);
            }
            if (auth.Header.Enabled)
            {
                AddIfMissing<TrustedHeaderHandler>(options, TrustedHeaderDefaults.AuthenticationScheme);
            }
            if (auth.HostApp.Enabled)
            {
                AddIfMissing<HostAppAuthenticationHandler>(options, AuthModeNames.HostAppScheme);
            }
            AddIfMissing<RefusedOriginHandler>(options, AuthModeNames.RefusedOriginScheme);
        }

        private static void AddIfMissing<THandler>(AuthenticationOptions options, string scheme)
            where THandler : IAuthenticationHandler
        {
            if (!options.SchemeMap.ContainsKey(scheme))
            {
                options.AddScheme(scheme, builder => builder.HandlerType = typeof(THandler));
            }
        }
    }

    /// <summary>Makes the <c>Parley</c> policy scheme forward per request, as <see cref="ParleyAuthModeSelector"/> decides.</summary>
    private sealed class UseModeSelector : IPostConfigureOptions<PolicySchemeOptions>
    {
        public void PostConfigure(string? name, PolicySchemeOptions options)
        {
            if (name == ParleyAuthenticationDefaults.Scheme)
            {
                options.ForwardDefaultSelector ??= static context => context.RequestServices.GetRequiredService<ParleyAuthModeSelector>().Select(context);
            }
        }
    }
}
