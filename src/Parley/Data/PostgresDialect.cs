using System.Data.Common;
using Dapper;
using Parley.Data.Migrations;
using Parley.Hosting;

namespace Parley.Data;

/// <summary>The PostgreSQL dialect.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>The one instance (the dialect holds no state).</summary>
    public static readonly PostgresDialect Instance = new();

    // An arbitrary key shared by every Parley instance: the bytes of "Parley" as a bigint.
    private const long SchemaLockKey = 0x506172_6C6579;

    private PostgresDialect()
    {
    }

    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <inheritdoc />
    public override bool SerializesWrites => false;

    /// <inheritdoc />
    public override Task InitializeConnectionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    /// <inheritdoc />
    // The transaction-scoped advisory lock is released by COMMIT or ROLLBACK, and by the server
    // if the connection dies, so a crashed instance can never leave the schema locked.
    public override Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@Key)", new { Key = SchemaLockKey }, transaction, cancellationToken: cancellationToken));

    /// <inheritdoc />
    public override string MatchesIgnoringCase(string column, string parameter) =>
        $"{column} ILIKE {parameter} ESCAPE '\\'";

    /// <inheritdoc />
    public override string InList(string column, string parameter) => $"{column} = ANY ({parameter})";

    /// <inheritdoc />
    public override string ScriptOf(Migration migration) => migration.Postgres;
}
