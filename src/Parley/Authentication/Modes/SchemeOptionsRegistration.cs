using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Parley.Authentication.Modes;

/// <summary>
/// Registers the options of a Parley scheme once, whichever comes first of <c>AddParley()</c>
/// (which binds them so that <c>Enabled</c> in configuration can turn the scheme on) and the
/// explicit <c>AddParley…</c> method: binding a section twice would list every key twice.
/// </summary>
internal static class SchemeOptionsRegistration
{
    public static void AddOnce<TOptions, TValidator>(IServiceCollection services, string scheme, string section)
        where TOptions : AuthenticationSchemeOptions
        where TValidator : class, IValidateOptions<TOptions>
    {
        var marker = new BoundSchemeOptions(typeof(TOptions), scheme);
        if (services.Any(d => d.ServiceType == typeof(BoundSchemeOptions) && marker.Equals(d.ImplementationInstance)))
        {
            return;
        }
        services.AddSingleton(marker);
        // The validator skips schemes that are not registered, so this is safe when the mode is off.
        services.AddOptions<TOptions>(scheme).BindConfiguration(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<TOptions>, SchemeTimeProvider<TOptions>>());
    }

    private sealed record BoundSchemeOptions(Type OptionsType, string Scheme);

    /// <summary>Gives a scheme the app's <see cref="TimeProvider"/>, as <c>AuthenticationBuilder.AddScheme</c> does for the schemes it registers.</summary>
    private sealed class SchemeTimeProvider<TOptions>(TimeProvider time) : IPostConfigureOptions<TOptions>
        where TOptions : AuthenticationSchemeOptions
    {
        public void PostConfigure(string? name, TOptions options) => options.TimeProvider ??= time;
    }
}
