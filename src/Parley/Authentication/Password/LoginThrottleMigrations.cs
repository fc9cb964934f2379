using Parley.Data.Migrations;

namespace Parley.Authentication.Password;

/// <summary>
/// The shared attempt counters of <see cref="DatabaseLoginThrottle"/> (authentication band,
/// 1200–1299 for sign-in throttling). Created with either provider, so the schema does not depend
/// on the configuration, though only PostgreSQL uses it.
/// </summary>
/// <remarks>
/// A row is one key's current window: <c>attempts</c> made in it (refused ones included) and
/// <c>expires_at</c>, when it ends. The key is stored as its SHA-256: it holds a user name
/// (which people sometimes type their password into) or a client address, and counting only needs
/// equality. Expiry rather than the window's start is kept so that old rows can be deleted
/// without knowing the window they were counted in.
/// </remarks>
internal sealed class LoginThrottleMigrations : IMigrationSource
{
    public IEnumerable<Migration> Migrations { get; } =
    [
        Migration.Portable(1200, "login_throttle", """
            CREATE TABLE login_throttle (
                key_hash TEXT NOT NULL PRIMARY KEY,
                attempts BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            );
            CREATE INDEX ix_login_throttle_expires ON login_throttle (expires_at);
            """),
    ];
}
