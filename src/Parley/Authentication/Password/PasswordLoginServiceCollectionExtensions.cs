using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Authentication.Password;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers sign-in with a password checked by the app.</summary>
public static class PasswordLoginServiceCollectionExtensions
{
    /// <summary>
    /// Enables password sign-in (<c>POST {app}/api/auth/login</c>) checked by <paramref name="validate"/>,
    /// which returns the user or null. Cannot be combined with built-in accounts
    /// (<c>Parley:Auth:Accounts:Enabled</c>).
    /// </summary>
    /// <example><code>
    /// builder.Services.AddParley();
    /// builder.Services.AddParleyPasswordLogin((username, password, ct) =&gt;
    ///     ValueTask.FromResult(users.Check(username, password) ? new ParleyUserInfo(username) : null));
    /// </code></example>
    public static IServiceCollection AddParleyPasswordLogin(
        this IServiceCollection services,
        Func<string, string, CancellationToken, ValueTask<ParleyUserInfo?>> validate)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(validate);
        services.TryAddSingleton<PasswordLoginMarker>();
        services.AddSingleton<IParleyPasswordValidator>(new DelegatePasswordValidator(validate));
        return services;
    }

    /// <summary>
    /// Enables password sign-in checked by <typeparamref name="TValidator"/>, created per request
    /// through dependency injection (so it may use scoped services).
    /// </summary>
    public static IServiceCollection AddParleyPasswordLogin<TValidator>(this IServiceCollection services)
        where TValidator : class, IParleyPasswordValidator
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<PasswordLoginMarker>();
        services.AddScoped<IParleyPasswordValidator, TValidator>();
        return services;
    }
}
