using System.Data.Common;
using Dapper;
using Parley.Data;

namespace Parley.Authentication.Accounts;

/// <summary>The <c>accounts</c> and <c>account_invites</c> tables (both providers).</summary>
internal sealed class SqlAccountStore(SqlDatabase database)
{
    private const string Select = """
        SELECT a.user_id AS UserId, a.username AS Username, a.normalized_username AS NormalizedUsername,
            a.password_hash AS PasswordHash, a.security_stamp AS SecurityStamp, a.failed_count AS FailedCount,
            a.locked_until AS LockedUntil, a.is_admin AS IsAdmin, a.created_at AS CreatedAt,
            a.password_changed_at AS PasswordChangedAt,
            u.identifier AS Identifier, u.display_name AS DisplayName, u.disabled AS Disabled
        FROM accounts a JOIN users u ON u.id = a.user_id
        """;

    public Task<AccountRecord?> FindByUsernameAsync(string normalizedUsername, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<AccountRecord>(new CommandDefinition(
            $"{Select} WHERE a.normalized_username = @Value", new { Value = normalizedUsername }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<AccountRecord?> FindByUserIdAsync(string userId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<AccountRecord>(new CommandDefinition(
            $"{Select} WHERE a.user_id = @Value", new { Value = userId }, cancellationToken: cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<AccountRecord>> ListAsync(CancellationToken cancellationToken) =>
        [.. await database.ReadAsync(connection => connection.QueryAsync<AccountRecord>(new CommandDefinition(
            $"{Select} ORDER BY a.normalized_username", cancellationToken: cancellationToken)), cancellationToken)];

    public Task<bool> AnyAdminAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async connection => await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM accounts WHERE is_admin = 1", cancellationToken: cancellationToken)) > 0, cancellationToken);

    /// <summary>
    /// Creates the user and the account, consuming the invite with <paramref name="inviteCodeHash"/>
    /// if given, all or nothing. The user name must be free both as an account and as a Parley user
    /// identifier: registering must never take over a user some other sign-in mode created.
    /// </summary>
    public async Task<AccountCreation> CreateAsync(AccountRecord account, string? inviteCodeHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await database.WriteAsync(async (connection, transaction) =>
            {
                if (await InsertUserAsync(connection, transaction, account, cancellationToken) == 0
                    || await InsertAccountAsync(connection, transaction, account, cancellationToken) == 0)
                {
                    throw new CreationRefused(AccountCreation.UsernameTaken);
                }
                if (inviteCodeHash is not null && await connection.ExecuteAsync(new CommandDefinition(
                        """
                        UPDATE account_invites SET used_at = @Now, used_by = @UserId
                        WHERE code_hash = @CodeHash AND used_at IS NULL AND expires_at > @Now
                        """,
                        new { Now = now.ToUnixTimeMilliseconds(), account.UserId, CodeHash = inviteCodeHash },
                        transaction, cancellationToken: cancellationToken)) == 0)
                {
                    throw new CreationRefused(AccountCreation.InviteInvalid);
                }
            }, cancellationToken);
            return AccountCreation.Created;
        }
        catch (CreationRefused refused)
        {
            return refused.Outcome;
        }
    }

    /// <summary>
    /// Makes <paramref name="account"/>'s user name an administrator with its password and a new
    /// security stamp: creates the account (on an existing Parley user of that identifier, if any)
    /// or updates it. Returns true when created.
    /// </summary>
    public Task<bool> UpsertAdminAsync(AccountRecord account, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var updated = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE accounts SET password_hash = @PasswordHash, security_stamp = @SecurityStamp, is_admin = 1,
                    failed_count = 0, locked_until = NULL, password_changed_at = @PasswordChangedAt
                WHERE normalized_username = @NormalizedUsername
                """,
                account, transaction, cancellationToken: cancellationToken));
            if (updated > 0)
            {
                return false;
            }
            await InsertUserAsync(connection, transaction, account, cancellationToken);
            account.UserId = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT id FROM users WHERE identifier = @Identifier", account, transaction, cancellationToken: cancellationToken)) ?? account.UserId;
            await InsertAccountAsync(connection, transaction, account, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Counts a wrong password; the one that reaches <paramref name="maxFailed"/> locks the account
    /// until <paramref name="lockedUntil"/> and starts the count again. One statement, so
    /// concurrent failures cannot lose a count.
    /// </summary>
    public Task RecordFailureAsync(string userId, int maxFailed, DateTimeOffset lockedUntil, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE accounts SET
                locked_until = CASE WHEN failed_count + 1 >= @Max THEN @LockedUntil ELSE locked_until END,
                failed_count = CASE WHEN failed_count + 1 >= @Max THEN 0 ELSE failed_count + 1 END
            WHERE user_id = @UserId
            """,
            new { UserId = userId, Max = maxFailed, LockedUntil = lockedUntil.ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken)), CancellationToken.None);

    /// <summary>Clears the failure count; stores <paramref name="rehashed"/> when the hasher asked for a stronger hash.</summary>
    public Task RecordSuccessAsync(string userId, string? rehashed, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE accounts SET failed_count = 0, locked_until = NULL,
                password_hash = COALESCE(@Rehashed, password_hash)
            WHERE user_id = @UserId
            """,
            new { UserId = userId, Rehashed = rehashed }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>
    /// Sets a new password and security stamp, and moves the caller's own session to the new stamp
    /// in the same transaction, so that session never sees a stamp it does not match.
    /// </summary>
    public Task ChangePasswordAsync(string userId, string passwordHash, string securityStamp, DateTimeOffset now, string? keepSessionId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE accounts SET password_hash = @PasswordHash, security_stamp = @SecurityStamp,
                    password_changed_at = @Now, failed_count = 0, locked_until = NULL
                WHERE user_id = @UserId
                """,
                new { UserId = userId, PasswordHash = passwordHash, SecurityStamp = securityStamp, Now = now.ToUnixTimeMilliseconds() },
                transaction, cancellationToken: cancellationToken));
            if (keepSessionId is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE parley_sessions SET security_stamp = @SecurityStamp WHERE id = @Id AND user_id = @UserId AND revoked_at IS NULL",
                    new { Id = keepSessionId, UserId = userId, SecurityStamp = securityStamp }, transaction, cancellationToken: cancellationToken));
            }
        }, CancellationToken.None);

    public Task CreateInviteAsync(string id, string codeHash, string createdBy, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO account_invites (id, code_hash, created_by, created_at, expires_at)
            VALUES (@Id, @CodeHash, @CreatedBy, @Now, @ExpiresAt)
            """,
            new { Id = id, CodeHash = codeHash, CreatedBy = createdBy, Now = now.ToUnixTimeMilliseconds(), ExpiresAt = expiresAt.ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Stores a new first-run setup code's hash and forgets expired ones.</summary>
    public Task AddSetupCodeAsync(string codeHash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM account_setup_codes WHERE expires_at <= @Now OR used_at IS NOT NULL",
                new { Now = now.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO account_setup_codes (code_hash, created_at, expires_at) VALUES (@CodeHash, @Now, @ExpiresAt)",
                new { CodeHash = codeHash, Now = now.ToUnixTimeMilliseconds(), ExpiresAt = expiresAt.ToUnixTimeMilliseconds() },
                transaction, cancellationToken: cancellationToken));
        }, cancellationToken);

    /// <summary>
    /// Creates the first administrator, all or nothing: consumes the setup code with
    /// <paramref name="codeHash"/> (a row update, so one code makes one administrator even when two
    /// instances race), refuses when an administrator exists, then deletes every setup code.
    /// </summary>
    public async Task<FirstAdminCreation> CreateFirstAdminAsync(AccountRecord account, string codeHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await database.WriteAsync(async (connection, transaction) =>
            {
                if (await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE account_setup_codes SET used_at = @Now WHERE code_hash = @CodeHash AND used_at IS NULL AND expires_at > @Now",
                        new { Now = now.ToUnixTimeMilliseconds(), CodeHash = codeHash }, transaction, cancellationToken: cancellationToken)) == 0)
                {
                    throw new FirstAdminRefused(FirstAdminCreation.CodeInvalid);
                }
                if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                        "SELECT COUNT(*) FROM accounts WHERE is_admin = 1", transaction: transaction, cancellationToken: cancellationToken)) > 0)
                {
                    throw new FirstAdminRefused(FirstAdminCreation.AlreadySetUp);
                }
                if (await InsertUserAsync(connection, transaction, account, cancellationToken) == 0
                    || await InsertAccountAsync(connection, transaction, account, cancellationToken) == 0)
                {
                    throw new FirstAdminRefused(FirstAdminCreation.UsernameTaken);
                }
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM account_setup_codes", transaction: transaction, cancellationToken: cancellationToken));
            }, cancellationToken);
            return FirstAdminCreation.Created;
        }
        catch (FirstAdminRefused refused)
        {
            return refused.Outcome;
        }
    }

    /// <summary>Inserts the account's Parley user; 0 when the identifier belongs to a user already.</summary>
    private static Task<int> InsertUserAsync(DbConnection connection, DbTransaction transaction, AccountRecord account, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (id, identifier, display_name, metadata, created_at, disabled)
            VALUES (@UserId, @Identifier, @DisplayName, NULL, @CreatedAt, 0)
            ON CONFLICT (identifier) DO NOTHING
            """,
            account, transaction, cancellationToken: cancellationToken));

    private static Task<int> InsertAccountAsync(DbConnection connection, DbTransaction transaction, AccountRecord account, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO accounts (user_id, username, normalized_username, password_hash, security_stamp,
                failed_count, locked_until, is_admin, created_at, password_changed_at)
            VALUES (@UserId, @Username, @NormalizedUsername, @PasswordHash, @SecurityStamp,
                0, NULL, @IsAdmin, @CreatedAt, @PasswordChangedAt)
            ON CONFLICT DO NOTHING
            """,
            account, transaction, cancellationToken: cancellationToken));

    /// <summary>Rolls the first administrator's transaction back with the reason.</summary>
    private sealed class FirstAdminRefused(FirstAdminCreation outcome) : Exception(outcome.ToString())
    {
        public FirstAdminCreation Outcome { get; } = outcome;
    }

    /// <summary>Rolls the creation transaction back with the reason.</summary>
    private sealed class CreationRefused(AccountCreation outcome) : Exception(outcome.ToString())
    {
        public AccountCreation Outcome { get; } = outcome;
    }
}
