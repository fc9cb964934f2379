using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Authentication.TrustedHeader;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers trusted-header authentication for apps behind an SSO proxy.</summary>
public static class TrustedHeaderAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds trusted-header authentication under <see cref="TrustedHeaderDefaults.AuthenticationScheme"/>,
    /// bound from <c>Parley:Auth:Header</c> and then <paramref name="configureOptions"/>, validated at start-up.
    /// </summary>
    public static AuthenticationBuilder AddParleyTrustedHeader(this AuthenticationBuilder builder, Action<TrustedHeaderOptions>? configureOptions = null) =>
        builder.AddParleyTrustedHeader(TrustedHeaderDefaults.AuthenticationScheme, configureOptions);

    /// <summary>
    /// Adds trusted-header authentication under <paramref name="authenticationScheme"/>, bound from
    /// <c>Parley:Auth:Header</c> and then <paramref name="configureOptions"/>, validated at start-up.
    /// Also installs, at the front of the pipeline, the capture of each request's TCP peer that the
    /// handler compares with the trusted proxies.
    /// </summary>
    public static AuthenticationBuilder AddParleyTrustedHeader(
        this AuthenticationBuilder builder,
        string authenticationScheme,
        Action<TrustedHeaderOptions>? configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);

        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType == typeof(TransportPeerStartupFilter)))
        {
            // First in the collection means outermost in the pipeline: see TransportPeerStartupFilter.
            services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, TransportPeerStartupFilter>());
        }

        services.AddOptions<TrustedHeaderOptions>(authenticationScheme)
            .BindConfiguration(TrustedHeaderDefaults.ConfigurationSection)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrustedHeaderOptions>, TrustedHeaderOptionsValidator>());
        return builder.AddScheme<TrustedHeaderOptions, TrustedHeaderHandler>(authenticationScheme, displayName: null, configureOptions);
    }
}
