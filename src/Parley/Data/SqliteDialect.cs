using System.Data.Common;
using Microsoft.Data.Sqlite;
using Parley.Data.Migrations;
using Parley.Hosting;

namespace Parley.Data;

/// <summary>The embedded SQLite dialect.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    /// <summary>The one instance (the dialect holds no state).</summary>
    public static readonly SqliteDialect Instance = new();

    // SQLite's LIKE and lower() fold ASCII only; this function lets search fold any letter.
    private const string FoldFunction = "parley_fold";

    // synchronous=NORMAL in WAL mode: a commit is in the WAL file (the OS page cache) when it
    // returns, so it survives the process being killed; only an OS crash or power loss can lose
    // the last commits. foreign_keys and busy_timeout are per connection, so they are set on
    // every open; busy_timeout covers writers in other processes or other SqlDatabase instances.
    private const string ConnectionPragmas =
        "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    private SqliteDialect()
    {
    }

    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <inheritdoc />
    public override bool SerializesWrites => true;

    /// <inheritdoc />
    public override async Task InitializeConnectionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        await using (var command = sqlite.CreateCommand())
        {
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        sqlite.CreateFunction<string?, string?>(FoldFunction, static s => s?.ToLowerInvariant(), isDeterministic: true);
    }

    /// <inheritdoc />
    /// <remarks>Switches the file to write-ahead logging: readers never block the writer, and a
    /// commit appends to the log instead of rewriting pages. The mode is stored in the file.</remarks>
    /// <exception cref="InvalidOperationException">The file system does not support WAL.</exception>
    public override async Task InitializeDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
        // An in-memory database reports "memory" and has nothing to make durable.
        if (mode is not ("wal" or "memory"))
        {
            throw new InvalidOperationException(
                $"SQLite could not switch '{connection.DataSource}' to WAL journal mode (it reports '{mode}'). "
                + "Put Parley:DataDirectory on a local file system, or use Parley:Database:Provider Postgres.");
        }
    }

    /// <inheritdoc />
    // BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
    // writes can fail with SQLITE_BUSY on upgrade, which busy_timeout does not retry.
    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <inheritdoc />
    // The write transaction is BEGIN IMMEDIATE: it already excludes every other writer, in this
    // process or another.
    public override Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public override string MatchesIgnoringCase(string column, string parameter) =>
        $"{FoldFunction}({column}) LIKE {parameter} ESCAPE '\\'";

    /// <inheritdoc />
    public override string ContainsPattern(string text) => base.ContainsPattern(text.ToLowerInvariant());

    /// <inheritdoc />
    public override string InList(string column, string parameter) => $"{column} IN {parameter}";

    /// <inheritdoc />
    public override string ScriptOf(Migration migration) => migration.Sqlite;
}
