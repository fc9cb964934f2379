using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Parley.Authentication.Modes;
using Parley.Authentication.TrustedHeader;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers trusted-header authentication for apps behind an SSO proxy.</summary>
public static class TrustedHeaderAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds trusted-header authentication under <see cref="TrustedHeaderDefaults.AuthenticationScheme"/>,
    /// bound from <c>Parley:Auth:Header</c> and then <paramref name="configureOptions"/>, validated at start-up.
    /// With <c>AddParley()</c>, this turns header mode on (as <c>Parley:Auth:Header:Enabled</c> does).
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

        AddServices(builder.Services, authenticationScheme);
        return builder.AddScheme<TrustedHeaderOptions, TrustedHeaderHandler>(authenticationScheme, displayName: null, configureOptions);
    }

    /// <summary>
    /// Everything the scheme needs but the scheme itself: the TCP peer capture and the options.
    /// <c>AddParley()</c> calls it too, so that <c>Parley:Auth:Header:Enabled</c> can turn the scheme on.
    /// </summary>
    internal static void AddServices(IServiceCollection services, string authenticationScheme)
    {
        if (!services.Any(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType == typeof(TransportPeerStartupFilter)))
        {
            // First in the collection means outermost in the pipeline: see TransportPeerStartupFilter.
            services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, TransportPeerStartupFilter>());
        }
        SchemeOptionsRegistration.AddOnce<TrustedHeaderOptions, TrustedHeaderOptionsValidator>(
            services, authenticationScheme, TrustedHeaderDefaults.ConfigurationSection);
    }
}
