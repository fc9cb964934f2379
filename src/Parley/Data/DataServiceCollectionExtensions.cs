using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Data.Migrations;
using Parley.Files;
using Parley.Hosting;

namespace Parley.Data;

/// <summary>Registers the data layer.</summary>
internal static class DataServiceCollectionExtensions
{
    /// <summary>The SQLite file used when no connection string is set, in the data directory.</summary>
    public const string DefaultSqliteFileName = "parley.db";

    /// <summary>The folder of stored files, in the data directory.</summary>
    public const string FilesFolderName = "files";

    /// <summary>
    /// Registers the stores, the file store, the database (from <c>Parley:Database</c>), the
    /// migrations, and the <see cref="DatabaseMigrator"/> that applies them at start-up. All
    /// singletons. Idempotent. Options are validated when the host starts.
    /// </summary>
    internal static IServiceCollection AddParleyData(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ParleyOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ParleyOptions>, DataOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(provider => CreateDatabase(
            provider.GetRequiredService<IOptions<ParleyOptions>>().Value,
            provider.GetRequiredService<IHostEnvironment>()));
        services.TryAddSingleton<IFileStore>(provider => new LocalFileStore(Path.Combine(
            DataDirectory(provider.GetRequiredService<IOptions<ParleyOptions>>().Value, provider.GetRequiredService<IHostEnvironment>()),
            FilesFolderName)));

        services.TryAddSingleton<IUserStore, SqlUserStore>();
        services.TryAddSingleton<IThreadStore, SqlThreadStore>();
        services.TryAddSingleton<IStepStore, SqlStepStore>();
        services.TryAddSingleton<IElementStore, SqlElementStore>();
        services.TryAddSingleton<IFeedbackStore, SqlFeedbackStore>();
        services.TryAddSingleton<IUserSettingsStore, SqlUserSettingsStore>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, DataMigrations>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, UserSettingsMigrations>());
        // Always, not only with PersistKeysToParleyDatabase: the schema must not depend on the app's
        // configuration, or dropping the call would leave a version the migrator calls unknown.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, DataProtectionMigrations>());
        services.TryAddSingleton<DatabaseMigrator>();
        // The same instance as the service above, so MigrateParleyDatabaseAsync and start-up
        // share it; TryAddEnumerable keeps a second AddParleyData from migrating twice.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DatabaseMigrator>(
            provider => provider.GetRequiredService<DatabaseMigrator>()));
        return services;
    }

    /// <summary>The absolute data directory (relative paths are against the content root).</summary>
    internal static string DataDirectory(ParleyOptions options, IHostEnvironment environment) =>
        Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);

    private static SqlDatabase CreateDatabase(ParleyOptions options, IHostEnvironment environment)
    {
        var connectionString = options.Database.ConnectionString;
        if (options.Database.Provider == DatabaseProvider.Postgres)
        {
            return SqlDatabase.ForPostgres(connectionString!);
        }

        var builder = new SqliteConnectionStringBuilder(connectionString ?? "");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            builder.DataSource = Path.Combine(DataDirectory(options, environment), DefaultSqliteFileName);
        }
        else if (builder.DataSource is not (":memory:" or "") && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            // Like DataDirectory, a relative file is relative to the content root, not to
            // whatever the working directory happens to be.
            builder.DataSource = Path.GetFullPath(builder.DataSource, environment.ContentRootPath);
        }
        if (Path.IsPathRooted(builder.DataSource))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return SqlDatabase.ForSqlite(builder.ToString());
    }
}
