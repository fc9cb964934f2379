using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parley.Data;

/// <summary>
/// One database: how to open connections to it, its dialect, and the in-process write queue
/// that SQLite needs. Every store goes through <see cref="ReadAsync{T}"/> or
/// <see cref="WriteAsync{T}"/>, so connection set-up and transactions live in one place.
/// </summary>
internal sealed class SqlDatabase : IDisposable, IAsyncDisposable
{
    private readonly Func<DbConnection> _createConnection;
    private readonly Action _dispose;
    private readonly SemaphoreSlim? _writeGate;
    private readonly SemaphoreSlim _firstOpen = new(1, 1);
    private bool _opened;

    private SqlDatabase(SqlDialect dialect, Func<DbConnection> createConnection, Action dispose)
    {
        Dialect = dialect;
        _createConnection = createConnection;
        _dispose = dispose;
        _writeGate = dialect.SerializesWrites ? new SemaphoreSlim(1, 1) : null;
    }

    /// <summary>The database's dialect.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>A SQLite database (the file is created on first use).</summary>
    public static SqlDatabase ForSqlite(string connectionString)
    {
        SqliteRuntime.EnsureInitialized();
        var builder = new SqliteConnectionStringBuilder(connectionString);
        // Pooled connections keep their page cache and per-connection settings between operations.
        builder.Pooling = true;
        var normalized = builder.ToString();
        return new SqlDatabase(
            SqliteDialect.Instance,
            () => new SqliteConnection(normalized),
            // Pooled handles would keep the file open after the app is done with it.
            () => SqliteConnection.ClearPool(new SqliteConnection(normalized)));
    }

    /// <summary>A PostgreSQL database.</summary>
    public static SqlDatabase ForPostgres(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        return new SqlDatabase(PostgresDialect.Instance, dataSource.CreateConnection, dataSource.Dispose);
    }

    /// <summary>Runs <paramref name="work"/> on an open connection, without a transaction.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await work(connection);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it when the work returns;
    /// an exception rolls everything back.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_writeGate is not null)
        {
            await _writeGate.WaitAsync(cancellationToken);
        }
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = await Dialect.BeginWriteAsync(connection, cancellationToken);
            var result = await work(connection, transaction);
            // Not cancellable: once the work is done, abandoning the commit halfway helps no one.
            await transaction.CommitAsync(CancellationToken.None);
            return result;
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction.</summary>
    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken) =>
        WriteAsync<bool>(async (connection, transaction) =>
        {
            await work(connection, transaction);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _dispose();
        _writeGate?.Dispose();
        _firstOpen.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = _createConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await Dialect.InitializeConnectionAsync(connection, cancellationToken);
            if (!Volatile.Read(ref _opened))
            {
                await InitializeDatabaseAsync(connection, cancellationToken);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await _firstOpen.WaitAsync(cancellationToken);
        try
        {
            if (_opened)
            {
                return;
            }
            await Dialect.InitializeDatabaseAsync(connection, cancellationToken);
            Volatile.Write(ref _opened, true);
        }
        finally
        {
            _firstOpen.Release();
        }
    }
}
