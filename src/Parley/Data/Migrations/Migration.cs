namespace Parley.Data.Migrations;

/// <summary>
/// One versioned change to the schema, with its script for each provider. A script runs once
/// per database, inside the migration transaction, and may hold several statements.
/// </summary>
/// <param name="Version">Unique across Parley; see <see cref="IMigrationSource"/> for the bands.</param>
/// <param name="Name">A short snake_case description, recorded with the version.</param>
/// <param name="Sqlite">The script for SQLite.</param>
/// <param name="Postgres">The script for PostgreSQL.</param>
internal sealed record Migration(int Version, string Name, string Sqlite, string Postgres)
{
    /// <summary>A migration whose script is the same for both providers.</summary>
    public static Migration Portable(int version, string name, string sql) => new(version, name, sql, sql);
}
