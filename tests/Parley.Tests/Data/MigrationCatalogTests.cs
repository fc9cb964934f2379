using Parley.Data.Migrations;

namespace Parley.Tests.Data;

public sealed class MigrationCatalogTests
{
    [Fact]
    public void Migrations_of_every_source_are_merged_in_version_order()
    {
        var auth = new Source(Migration.Portable(1001, "sessions", "SELECT 1"), Migration.Portable(1000, "accounts", "SELECT 1"));

        var migrations = MigrationCatalog.Collect([auth, new DataMigrations()]);

        Assert.Equal([1, 1000, 1001], migrations.Select(migration => migration.Version));
    }

    [Fact]
    public void Two_migrations_with_one_version_are_refused_naming_both()
    {
        var clash = new Source(Migration.Portable(1, "mine", "SELECT 1"));

        var error = Assert.Throws<InvalidOperationException>(() => MigrationCatalog.Collect([new DataMigrations(), clash]));

        Assert.Contains("initial_schema", error.Message);
        Assert.Contains("mine", error.Message);
    }

    [Theory]
    [InlineData(0, "zero", "SELECT 1")]
    [InlineData(5, "", "SELECT 1")]
    [InlineData(5, "no_script", " ")]
    public void A_malformed_migration_is_refused(int version, string name, string sql)
    {
        Assert.Throws<InvalidOperationException>(() => MigrationCatalog.Collect([new Source(Migration.Portable(version, name, sql))]));
    }

    private sealed class Source(params Migration[] migrations) : IMigrationSource
    {
        public IEnumerable<Migration> Migrations => migrations;
    }
}
