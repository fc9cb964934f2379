using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Parley.Data.Migrations;

/// <summary>
/// Brings the schema up to date. As a hosted service it migrates in
/// <see cref="IHostedLifecycleService.StartingAsync"/>, which the host runs before any hosted
/// service's StartAsync, the web server's included: no request can see an old schema.
/// </summary>
internal sealed partial class DatabaseMigrator : IHostedLifecycleService
{
    private const string CreateHistoryTable = """
        CREATE TABLE IF NOT EXISTS parley_schema_migrations (
            version INTEGER NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        )
        """;

    private readonly SqlDatabase _database;
    private readonly IReadOnlyList<Migration> _migrations;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a migrator for the migrations of every source.</summary>
    public DatabaseMigrator(SqlDatabase database, IEnumerable<IMigrationSource> sources, TimeProvider time, ILogger<DatabaseMigrator> logger)
    {
        _database = database;
        _migrations = MigrationCatalog.Collect(sources);
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Applies every migration the database lacks, in version order, in one transaction under
    /// the schema lock (see <see cref="SqlDialect.LockSchemaAsync"/>): a failure leaves the
    /// schema as it was, and a concurrent migrator waits, then finds nothing left to do.
    /// </summary>
    /// <returns>The migrations applied now (empty when the schema was up to date).</returns>
    public Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await _database.Dialect.LockSchemaAsync(connection, transaction, cancellationToken);
            await Execute(connection, transaction, CreateHistoryTable, null, cancellationToken);
            var applied = (await connection.QueryAsync<AppliedMigration>(new CommandDefinition(
                    "SELECT version AS Version, name AS Name FROM parley_schema_migrations",
                    transaction: transaction,
                    cancellationToken: cancellationToken)))
                .ToDictionary(row => row.Version, row => row.Name);

            var pending = _migrations.Where(migration => !applied.ContainsKey(migration.Version)).ToList();
            foreach (var migration in pending)
            {
                await Execute(connection, transaction, _database.Dialect.ScriptOf(migration), null, cancellationToken);
                await Execute(
                    connection,
                    transaction,
                    "INSERT INTO parley_schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                    new { migration.Version, migration.Name, AppliedAt = _time.GetUtcNow().ToUnixTimeMilliseconds() },
                    cancellationToken);
                Log.Applied(_logger, migration.Version, migration.Name);
            }

            var known = _migrations.Select(migration => migration.Version).ToHashSet();
            foreach (var (version, name) in applied.Where(row => !known.Contains(row.Key)))
            {
                Log.UnknownVersion(_logger, version, name);
            }
            if (pending.Count == 0)
            {
                Log.UpToDate(_logger, _database.Dialect.Provider.ToString());
            }
            return (IReadOnlyList<Migration>)pending;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task StartingAsync(CancellationToken cancellationToken) => await MigrateAsync(cancellationToken);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static Task Execute(DbConnection connection, DbTransaction transaction, string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));

    // A settable class, not a positional record: Dapper's constructor matching is type-exact,
    // and SQLite returns every integer as Int64 while PostgreSQL returns INTEGER as Int32.
    private sealed class AppliedMigration
    {
        public int Version { get; set; }

        public string Name { get; set; } = "";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied database migration {Version} {Name}.")]
        public static partial void Applied(ILogger logger, int version, string name);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "The {Provider} database schema is up to date.")]
        public static partial void UpToDate(ILogger logger, string provider);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
            Message = "The database has migration {Version} {Name}, which this version of Parley does not know; it was probably applied by a newer version.")]
        public static partial void UnknownVersion(ILogger logger, int version, string name);
    }
}
