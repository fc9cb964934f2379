using Parley.Data.Migrations;

namespace Parley.Authentication.Accounts;

/// <summary>
/// Built-in accounts and their invites (authentication band, 1100–1199 for accounts). Invite
/// codes are stored as SHA-256 hashes: they are secrets until used.
/// </summary>
internal sealed class AccountMigrations : IMigrationSource
{
    public IEnumerable<Migration> Migrations { get; } =
    [
        Migration.Portable(1100, "accounts", Accounts),
        Migration.Portable(1101, "account_setup_codes", SetupCodes),
    ];

    private const string Accounts = """
        CREATE TABLE accounts (
            user_id TEXT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
            username TEXT NOT NULL,
            normalized_username TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            security_stamp TEXT NOT NULL,
            failed_count BIGINT NOT NULL DEFAULT 0,
            locked_until BIGINT NULL,
            is_admin INTEGER NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            password_changed_at BIGINT NOT NULL
        );

        CREATE TABLE account_invites (
            id TEXT NOT NULL PRIMARY KEY,
            code_hash TEXT NOT NULL UNIQUE,
            created_by TEXT NULL REFERENCES users (id) ON DELETE SET NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT NULL,
            used_by TEXT NULL REFERENCES users (id) ON DELETE SET NULL
        );
        """;

    // First-run setup codes live in the database, not in one instance's memory, so the link an
    // instance printed works whichever instance the load balancer sends the browser to.
    private const string SetupCodes = """
        CREATE TABLE account_setup_codes (
            code_hash TEXT NOT NULL PRIMARY KEY,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT NULL
        );
        """;
}
