using Microsoft.Extensions.Logging.Abstractions;
using Parley.Data;
using Parley.Data.Migrations;
using Parley.Hosting;

namespace Parley.Tests.Data;

/// <summary>
/// Every behaviour of the data layer, run against each provider by a derived class
/// (<see cref="SqliteDataStoreTests"/>, <see cref="PostgresDataStoreTests"/>). Each test gets a
/// fresh, migrated database. The tests are split by store over partial files.
/// </summary>
public abstract partial class DataStoreTests : IAsyncLifetime
{
    /// <summary>A fixed instant with whole milliseconds, the precision the database keeps.</summary>
    protected static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);

    private readonly List<SqlDatabase> _databases = [];

    private protected abstract DatabaseProvider Provider { get; }

    private protected ManualTimeProvider Time { get; } = new(T0);

    private protected string ConnectionString { get; private set; } = "";

    private protected SqlDatabase Database { get; private set; } = null!;

    private protected IUserStore Users { get; private set; } = null!;

    private protected IThreadStore Threads { get; private set; } = null!;

    private protected IStepStore Steps { get; private set; } = null!;

    private protected IElementStore Elements { get; private set; } = null!;

    private protected IFeedbackStore Feedback { get; private set; } = null!;

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync().WithTimeout();
        Database = Open(ConnectionString);
        await Migrator(Database).MigrateAsync(Ct).WithTimeout();
        Users = new SqlUserStore(Database, Time);
        Threads = new SqlThreadStore(Database);
        Steps = new SqlStepStore(Database);
        Elements = new SqlElementStore(Database);
        Feedback = new SqlFeedbackStore(Database);
    }

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Opens a database of this provider; it is disposed with the test.</summary>
    private protected SqlDatabase Open(string connectionString)
    {
        var database = Provider == DatabaseProvider.Sqlite
            ? SqlDatabase.ForSqlite(connectionString)
            : SqlDatabase.ForPostgres(connectionString);
        _databases.Add(database);
        return database;
    }

    private protected DatabaseMigrator Migrator(SqlDatabase database, params IMigrationSource[] more) =>
        new(database, [new DataMigrations(), .. more], Time, NullLogger<DatabaseMigrator>.Instance);

    private protected static string NewId() => Guid.NewGuid().ToString("N");

    private protected Task<UserRecord> UserAsync(string? identifier = null) =>
        Users.GetOrCreateAsync(identifier ?? $"user-{NewId()}", null, null, Ct).WithTimeout();

    private protected async Task<ThreadRecord> ThreadAsync(
        UserRecord user, string? name = null, DateTimeOffset? updatedAt = null, string app = "/", string? id = null)
    {
        var thread = new ThreadRecord
        {
            Id = id ?? NewId(),
            UserId = user.Id,
            App = app,
            Name = name,
            CreatedAt = T0,
            UpdatedAt = updatedAt ?? T0,
        };
        await Threads.CreateAsync(thread, Ct).WithTimeout();
        return thread;
    }

    private protected async Task<StepRecord> StepAsync(
        ThreadRecord thread, string type = "assistant_message", string output = "", string? parentId = null,
        DateTimeOffset? createdAt = null, long sequence = 0, string? id = null)
    {
        var step = new StepRecord
        {
            Id = id ?? NewId(),
            ThreadId = thread.Id,
            ParentId = parentId,
            Type = type,
            Name = "Assistant",
            Output = output,
            CreatedAt = createdAt ?? T0,
            Sequence = sequence,
        };
        await Steps.UpsertAsync(step, Ct).WithTimeout();
        return step;
    }

    private protected async Task<ElementRecord> ElementAsync(
        UserRecord user, ThreadRecord? thread = null, string? stepId = null, string? storageKey = "generate", DateTimeOffset? createdAt = null)
    {
        var element = new ElementRecord
        {
            Id = NewId(),
            UserId = user.Id,
            ThreadId = thread?.Id,
            StepId = stepId,
            Type = "file",
            Name = "report.pdf",
            Mime = "application/pdf",
            Size = 1234,
            StorageKey = storageKey == "generate" ? NewId() : storageKey,
            Url = storageKey is null ? "https://example.com/report.pdf" : null,
            CreatedAt = createdAt ?? T0,
        };
        await Elements.CreateAsync(element, Ct).WithTimeout();
        return element;
    }

    private protected Task<FeedbackRecord> FeedbackAsync(StepRecord step, UserRecord user, int value = 1, string? comment = null) =>
        Feedback.UpsertAsync(new FeedbackRecord
        {
            Id = NewId(),
            StepId = step.Id,
            ThreadId = step.ThreadId,
            UserId = user.Id,
            Value = value,
            Comment = comment,
            CreatedAt = T0,
            UpdatedAt = T0,
        }, Ct).WithTimeout();

    /// <summary>Runs a scalar query on <paramref name="database"/> (for checks the stores do not expose).</summary>
    private protected static Task<long> CountAsync(SqlDatabase database, string sql) =>
        database.ReadAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(Ct));
        }, Ct).WithTimeout();
}
