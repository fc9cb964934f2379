namespace Parley.Data.Migrations;

/// <summary>
/// The data layer's migrations (band 1–999). Portable types only: timestamps are BIGINT unix
/// milliseconds, booleans INTEGER 0/1, JSON TEXT, ids TEXT.
/// </summary>
internal sealed class DataMigrations : IMigrationSource
{
    /// <inheritdoc />
    public IEnumerable<Migration> Migrations { get; } =
    [
        Migration.Portable(1, "initial_schema", InitialSchema),
    ];

    // NOT NULL on TEXT primary keys: SQLite would otherwise accept NULL ids.
    // The thread index matches the history query's ORDER BY exactly (updated_at DESC, id DESC),
    // so keyset pages are read straight off the index.
    private const string InitialSchema = """
        CREATE TABLE users (
            id TEXT NOT NULL PRIMARY KEY,
            identifier TEXT NOT NULL UNIQUE,
            display_name TEXT NULL,
            metadata TEXT NULL,
            created_at BIGINT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE user_identities (
            provider TEXT NOT NULL,
            subject TEXT NOT NULL,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            email TEXT NULL,
            email_verified INTEGER NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (provider, subject)
        );
        CREATE INDEX ix_user_identities_user ON user_identities (user_id);

        CREATE TABLE threads (
            id TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id),
            app TEXT NOT NULL,
            name TEXT NULL,
            chat_profile TEXT NULL,
            metadata TEXT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX ix_threads_user_app_updated ON threads (user_id, app, updated_at DESC, id DESC);

        CREATE TABLE steps (
            id TEXT NOT NULL PRIMARY KEY,
            thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
            parent_id TEXT NULL,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            input TEXT NULL,
            output TEXT NOT NULL DEFAULT '',
            streaming INTEGER NOT NULL DEFAULT 0,
            is_error INTEGER NOT NULL DEFAULT 0,
            language TEXT NULL,
            metadata TEXT NULL,
            created_at BIGINT NOT NULL,
            ended_at BIGINT NULL,
            sequence BIGINT NOT NULL DEFAULT 0
        );
        CREATE INDEX ix_steps_thread_created ON steps (thread_id, created_at, sequence);
        CREATE INDEX ix_steps_parent ON steps (parent_id);

        CREATE TABLE elements (
            id TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL,
            thread_id TEXT NULL REFERENCES threads (id) ON DELETE CASCADE,
            step_id TEXT NULL,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            mime TEXT NULL,
            size BIGINT NULL,
            display TEXT NOT NULL DEFAULT 'inline',
            storage_key TEXT NULL,
            url TEXT NULL,
            props TEXT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE INDEX ix_elements_thread ON elements (thread_id, created_at);
        CREATE INDEX ix_elements_step ON elements (step_id);
        CREATE INDEX ix_elements_unattached ON elements (created_at) WHERE thread_id IS NULL AND step_id IS NULL;

        CREATE TABLE feedback (
            id TEXT NOT NULL PRIMARY KEY,
            step_id TEXT NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
            thread_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            value INTEGER NOT NULL,
            comment TEXT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (step_id, user_id)
        );
        CREATE INDEX ix_feedback_thread ON feedback (thread_id);
        """;
}
