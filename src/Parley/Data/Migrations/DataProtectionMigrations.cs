namespace Parley.Data.Migrations;

/// <summary>
/// The ASP.NET Core Data Protection key ring (band 2100–2199), behind
/// <see cref="SqlXmlRepository"/>. One row per XML element the key manager stores: a key, or a
/// revocation. Rows are only ever inserted.
/// </summary>
internal sealed class DataProtectionMigrations : IMigrationSource
{
    /// <inheritdoc />
    public IEnumerable<Migration> Migrations { get; } =
    [
        Migration.Portable(2100, "data_protection_keys", """
            CREATE TABLE data_protection_keys (
                id TEXT NOT NULL PRIMARY KEY,
                friendly_name TEXT NULL,
                xml TEXT NOT NULL,
                created_at BIGINT NOT NULL
            );
            """),
    ];
}
