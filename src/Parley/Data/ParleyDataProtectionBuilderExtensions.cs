using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Data;

namespace Microsoft.AspNetCore.DataProtection;

/// <summary>Keeps ASP.NET Core Data Protection keys in Parley's database.</summary>
public static class ParleyDataProtectionBuilderExtensions
{
    /// <summary>
    /// Stores the Data Protection key ring in Parley's database (the one <c>Parley:Database</c>
    /// selects, table <c>data_protection_keys</c>), so session cookies, antiforgery tokens, OAuth
    /// state and signed file links survive restarts, and every instance on one PostgreSQL database
    /// shares the keys without a shared folder. Needs <c>AddParley()</c>; the table is created by
    /// Parley's migrations at start-up, before the key ring first loads.
    /// </summary>
    /// <remarks>
    /// The keys are stored as ASP.NET Core writes them: unencrypted unless a key encryptor is
    /// configured (<c>ProtectKeysWithCertificate</c>), so whoever reads the database or a backup
    /// of it can forge cookies. Protect both like the secrets they hold.
    /// </remarks>
    /// <example><code>
    /// builder.Services.AddParley();
    /// builder.Services.AddDataProtection().PersistKeysToParleyDatabase();
    /// </code></example>
    public static IDataProtectionBuilder PersistKeysToParleyDatabase(this IDataProtectionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
        {
            var database = services.GetService<SqlDatabase>()
                ?? throw new InvalidOperationException("PersistKeysToParleyDatabase() stores the keys in Parley's database: call services.AddParley() as well.");
            var repository = new SqlXmlRepository(
                database,
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<SqlXmlRepository>>());
            return new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = repository);
        });
        return builder;
    }
}
