using Parley.Data.Migrations;

namespace Parley.Authentication.Sessions;

/// <summary>
/// The browser session table (authentication band, 1000–1099 for sessions). The cookie carries
/// a random key; only its SHA-256 is stored, so a copy of the table signs nobody in. The ticket
/// (the principal's claims) is protected with ASP.NET Core data protection and erased on revocation.
/// </summary>
internal sealed class SessionMigrations : IMigrationSource
{
    public IEnumerable<Migration> Migrations { get; } =
    [
        Migration.Portable(1000, "parley_sessions", Sessions),
    ];

    private const string Sessions = """
        CREATE TABLE parley_sessions (
            id TEXT NOT NULL PRIMARY KEY,
            key_hash TEXT NOT NULL UNIQUE,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            auth_mode TEXT NULL,
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            idle_timeout_ms BIGINT NOT NULL,
            revoked_at BIGINT NULL,
            revoked_reason TEXT NULL,
            user_agent TEXT NULL,
            ip_address TEXT NULL,
            security_stamp TEXT NULL,
            ticket TEXT NOT NULL
        );
        CREATE INDEX ix_parley_sessions_user ON parley_sessions (user_id, revoked_at);
        CREATE INDEX ix_parley_sessions_expires ON parley_sessions (expires_at);
        """;
}
