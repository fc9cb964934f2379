using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Authentication;
using Parley.Authentication.Accounts;
using Parley.Authentication.Sessions;
using Parley.Authentication.Modes;
using Parley.Data;
using Parley.Hosting;
using Parley.Protocol;
using Parley.Runtime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Parley's services.</summary>
public static class ParleyServiceCollectionExtensions
{
    /// <summary>
    /// Adds Parley: the chat runtime, its data layer (SQLite by default), SignalR, and the
    /// authentication it needs. Options bind from the <c>Parley</c> configuration section, then
    /// <paramref name="configure"/> runs; they are validated at start-up.
    /// </summary>
    public static IServiceCollection AddParley(this IServiceCollection services, Action<ParleyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ChatRuntime)))
        {
            return services;
        }

        var options = services.AddOptions<ParleyOptions>().BindConfiguration(ParleyOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ParleyOptions>, ParleyOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddParleyData();
        services.AddProblemDetails();

        services.AddSignalR()
            .AddJsonProtocol(json => json.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, ProtocolJsonContext.Default))
            // SignalR reads a hub's own options only when AddHubOptions marked them as set; the values come from the post-configure below.
            .AddHubOptions<ChatHub>(_ => { });
        // Post-configure: SignalR's own setup copies the global hub options into HubOptions<ChatHub>
        // and may run after a plain Configure, which would put the 32 KiB default back.
        services.AddSingleton<IPostConfigureOptions<HubOptions<ChatHub>>, ConfigureChatHubOptions>();

        // Registration order matters for shutdown: hosted services stop in reverse, so sessions
        // end (and queue their last events) before the flusher writes its final batch.
        services.AddSingleton<StreamFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<StreamFlusher>());
        services.AddSingleton<ChatRuntime>();
        services.AddSingleton<ChatSessionRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatSessionRegistry>());

        services.AddSingleton<MappedApps>();
        services.AddSingleton<Parley.Ui.UiAssets>();
        services.TryAddSingleton<IParleyUserMapper, DefaultParleyUserMapper>();
        services.AddSingleton<ParleyUserResolver>();

        services.AddAuthentication()
            .AddPolicyScheme(ParleyAuthenticationDefaults.Scheme, "Parley", policy => policy.ForwardDefault = ParleyAuthenticationDefaults.SessionScheme)
            .AddParleySession();
        services.AddParleyPasswordSignIn();
        services.AddAuthorization(authorization => authorization.AddPolicy(ParleyAuthenticationDefaults.Policy, policy => policy
            .AddAuthenticationSchemes(ParleyAuthenticationDefaults.Scheme)
            .RequireAuthenticatedUser()));
        // Copilot, header and host-app modes, the per-request choice between them, origin and CORS rules.
        AuthModeServices.Add(services);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = ParleyAuthenticationDefaults.AntiforgeryHeader;
            antiforgery.Cookie.Name = ".parley.csrf";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddParleyOAuth();
        return services;
    }

    private sealed class ConfigureChatHubOptions(IOptions<ParleyOptions> parley) : IPostConfigureOptions<HubOptions<ChatHub>>
    {
        public void PostConfigure(string? name, HubOptions<ChatHub> options)
        {
            options.MaximumReceiveMessageSize = parley.Value.Limits.MaxHubMessageBytes;
            options.EnableDetailedErrors = false;
        }
    }
}
