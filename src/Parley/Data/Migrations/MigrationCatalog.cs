namespace Parley.Data.Migrations;

/// <summary>Merges and checks the migrations of every source.</summary>
internal static class MigrationCatalog
{
    /// <summary>All migrations in version order.</summary>
    /// <exception cref="InvalidOperationException">Two migrations share a version, or one is malformed.</exception>
    public static IReadOnlyList<Migration> Collect(IEnumerable<IMigrationSource> sources)
    {
        var byVersion = new SortedDictionary<int, Migration>();
        foreach (var migration in sources.SelectMany(source => source.Migrations))
        {
            if (migration.Version <= 0)
            {
                throw new InvalidOperationException($"Migration '{migration.Name}' has version {migration.Version}; versions start at 1.");
            }
            if (string.IsNullOrWhiteSpace(migration.Name)
                || string.IsNullOrWhiteSpace(migration.Sqlite)
                || string.IsNullOrWhiteSpace(migration.Postgres))
            {
                throw new InvalidOperationException($"Migration {migration.Version} needs a name and a script for each provider.");
            }
            if (!byVersion.TryAdd(migration.Version, migration))
            {
                throw new InvalidOperationException(
                    $"Migrations '{byVersion[migration.Version].Name}' and '{migration.Name}' both have version {migration.Version}.");
            }
        }
        return [.. byVersion.Values];
    }
}
