using Parley.Data;
using Parley.Hosting;

namespace Parley.Tests.Data;

/// <summary>The data-layer tests on SQLite, each on a new database file.</summary>
public sealed class SqliteDataStoreTests : DataStoreTests
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("parley-sqlite-");
    private int _files;

    private protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <inheritdoc />
    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(_folder.FullName, $"parley-{Interlocked.Increment(ref _files)}.db")}");

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Appended_output_is_in_the_files_on_disk_as_soon_as_the_append_returns()
    {
        var owner = await UserAsync();
        var step = await StepAsync(await ThreadAsync(owner));
        await Steps.AppendOutputAsync([new(step.Id, "persisted before it is sent")], Ct).WithTimeout();

        // What a killed process leaves behind is what is in its files at that instant: copy
        // them while the database is still open (nothing checkpointed, nothing closed) and
        // open the copy, as the restarted process would after kill -9.
        var source = ConnectionString["Data Source=".Length..];
        var copy = Path.Combine(_folder.FullName, "crashed.db");
        File.Copy(source, copy);
        File.Copy(source + "-wal", copy + "-wal");

        var recovered = new SqlStepStore(Open($"Data Source={copy}"));
        Assert.Equal("persisted before it is sent", (await recovered.GetAsync(step.Id, Ct).WithTimeout())!.Output);
    }

    [Fact]
    public async Task The_database_runs_in_WAL_mode_with_foreign_keys_enforced()
    {
        Assert.Equal(1, await CountAsync(Database, "SELECT COUNT(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"));
        Assert.Equal(1, await CountAsync(Database, "PRAGMA foreign_keys"));
        Assert.Equal(1, await CountAsync(Database, "PRAGMA synchronous"));
    }
}
