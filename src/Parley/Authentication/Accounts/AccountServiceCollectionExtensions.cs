using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Authentication.Password;
using Parley.Data.Migrations;
using Parley.Hosting;

namespace Parley.Authentication.Accounts;

/// <summary>Registers password sign-in's shared parts and built-in accounts (off until <c>Parley:Auth:Accounts:Enabled</c>).</summary>
internal static class AccountServiceCollectionExtensions
{
    public static IServiceCollection AddParleyPasswordSignIn(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, AccountMigrations>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, LoginThrottleMigrations>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ParleyOptions>, AccountOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ParleyOptions>, PasswordLoginOptionsValidator>());
        services.AddOptions<PasswordHasherOptions>();
        services.TryAddSingleton<IPasswordHasher<AccountRecord>, PasswordHasher<AccountRecord>>();
        services.TryAddSingleton<SqlAccountStore>();
        services.TryAddSingleton<AccountService>();
        services.TryAddSingleton<FirstRunSetup>();
        services.TryAddSingleton<MemoryLoginThrottle>();
        services.TryAddSingleton<DatabaseLoginThrottle>();
        // PostgreSQL means several instances may share the database: they must share the counters
        // too. SQLite serves one instance, whose memory is the whole truth; counting there would
        // put a write per attempt in SQLite's single-writer queue, which a flood of attempts
        // would fill ahead of the chats' own writes.
        services.TryAddSingleton<ILoginThrottle>(provider =>
            provider.GetRequiredService<IOptions<ParleyOptions>>().Value.Database.Provider == DatabaseProvider.Postgres
                ? provider.GetRequiredService<DatabaseLoginThrottle>()
                : provider.GetRequiredService<MemoryLoginThrottle>());
        services.TryAddSingleton<PasswordSignIn>();
        services.AddHostedService<AdminBootstrapService>();
        return services;
    }
}
