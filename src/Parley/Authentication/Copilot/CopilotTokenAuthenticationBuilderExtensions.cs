using Microsoft.AspNetCore.Authentication;
using Parley.Authentication.Copilot;
using Parley.Authentication.Modes;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers copilot token authentication.</summary>
public static class CopilotTokenAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds copilot token authentication under <see cref="CopilotTokenDefaults.AuthenticationScheme"/>,
    /// bound from <c>Parley:Auth:Copilot</c> and then <paramref name="configureOptions"/>, validated at start-up.
    /// With <c>AddParley()</c>, this turns copilot mode on (as <c>Parley:Auth:Copilot:Enabled</c> does).
    /// </summary>
    public static AuthenticationBuilder AddParleyCopilotToken(this AuthenticationBuilder builder, Action<CopilotTokenOptions>? configureOptions = null) =>
        builder.AddParleyCopilotToken(CopilotTokenDefaults.AuthenticationScheme, configureOptions);

    /// <summary>
    /// Adds copilot token authentication under <paramref name="authenticationScheme"/>, bound from
    /// <c>Parley:Auth:Copilot</c> and then <paramref name="configureOptions"/>, validated at start-up.
    /// Parley's own endpoints use the scheme named <see cref="CopilotTokenDefaults.AuthenticationScheme"/>;
    /// another name adds a scheme for the host app's own endpoints.
    /// </summary>
    public static AuthenticationBuilder AddParleyCopilotToken(
        this AuthenticationBuilder builder,
        string authenticationScheme,
        Action<CopilotTokenOptions>? configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);

        SchemeOptionsRegistration.AddOnce<CopilotTokenOptions, CopilotTokenOptionsValidator>(
            builder.Services, authenticationScheme, CopilotTokenDefaults.ConfigurationSection);
        return builder.AddScheme<CopilotTokenOptions, CopilotTokenHandler>(authenticationScheme, displayName: null, configureOptions);
    }
}
