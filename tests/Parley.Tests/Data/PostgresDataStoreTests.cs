using Parley.Hosting;
using Parley.Tests.Fixtures;

namespace Parley.Tests.Data;

/// <summary>The data-layer tests on a real PostgreSQL server, each on a new database.</summary>
public sealed class PostgresDataStoreTests(PostgresFixture postgres) : DataStoreTests
{
    private protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <inheritdoc />
    protected override Task<string> CreateDatabaseAsync() => postgres.CreateDatabaseAsync(Ct);
}
