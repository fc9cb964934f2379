using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Authentication.Copilot;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers copilot token authentication.</summary>
public static class CopilotTokenAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds copilot token authentication under <see cref="CopilotTokenDefaults.AuthenticationScheme"/>,
    /// bound from <c>Parley:Auth:Copilot</c> and then <paramref name="configureOptions"/>, validated at start-up.
    /// </summary>
    public static AuthenticationBuilder AddParleyCopilotToken(this AuthenticationBuilder builder, Action<CopilotTokenOptions>? configureOptions = null) =>
        builder.AddParleyCopilotToken(CopilotTokenDefaults.AuthenticationScheme, configureOptions);

    /// <summary>
    /// Adds copilot token authentication under <paramref name="authenticationScheme"/>, bound from
    /// <c>Parley:Auth:Copilot</c> and then <paramref name="configureOptions"/>, validated at start-up.
    /// </summary>
    public static AuthenticationBuilder AddParleyCopilotToken(
        this AuthenticationBuilder builder,
        string authenticationScheme,
        Action<CopilotTokenOptions>? configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);

        builder.Services.AddOptions<CopilotTokenOptions>(authenticationScheme)
            .BindConfiguration(CopilotTokenDefaults.ConfigurationSection)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CopilotTokenOptions>, CopilotTokenOptionsValidator>());
        return builder.AddScheme<CopilotTokenOptions, CopilotTokenHandler>(authenticationScheme, displayName: null, configureOptions);
    }
}
