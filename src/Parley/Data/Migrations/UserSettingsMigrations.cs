namespace Parley.Data.Migrations;

/// <summary>The per-user settings table (band 2000–2099), behind <see cref="IUserSettingsStore"/>.</summary>
internal sealed class UserSettingsMigrations : IMigrationSource
{
    /// <inheritdoc />
    public IEnumerable<Migration> Migrations { get; } =
    [
        Migration.Portable(2000, "user_settings", """
            CREATE TABLE user_settings (
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (user_id, key)
            );
            """),
    ];
}
