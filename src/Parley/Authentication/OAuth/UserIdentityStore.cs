using System.Data.Common;
using Dapper;
using Parley.Data;

namespace Parley.Authentication.OAuth;

/// <summary>The result of linking an identity to a user.</summary>
internal enum LinkOutcome
{
    Linked,
    AlreadyLinked,
    LinkedToAnotherUser,
}

/// <summary>
/// The <c>user_identities</c> table: which Parley user an identity (issuer, subject) belongs to.
/// The <c>provider</c> column holds the issuer, so renaming a provider in configuration keeps its users.
/// </summary>
internal sealed class UserIdentityStore(SqlDatabase database, TimeProvider time)
{
    private const string FindSql = "SELECT user_id FROM user_identities WHERE provider = @Issuer AND subject = @Subject";

    /// <summary>The id of the user the identity is linked to, or null.</summary>
    public Task<string?> FindUserIdAsync(string issuer, string subject, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<string?>(
            new CommandDefinition(FindSql, new { Issuer = issuer, Subject = subject }, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>
    /// Creates a user for an identity no user has yet, with <paramref name="identifier"/> (or, when
    /// another user already has it, <paramref name="fallbackIdentifier"/>), and links the identity
    /// to it, in one transaction. When a concurrent sign-in linked the identity first, returns that user.
    /// </summary>
    public Task<string> CreateUserAsync(string identifier, string fallbackIdentifier, string? displayName, string? metadata, ExternalIdentity identity, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var user = new
            {
                Id = Guid.CreateVersion7().ToString("N"),
                Identifier = identifier,
                DisplayName = displayName,
                Metadata = metadata,
                CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            };
            const string insertUser = "INSERT INTO users (id, identifier, display_name, metadata, created_at, disabled) VALUES (@Id, @Identifier, @DisplayName, @Metadata, @CreatedAt, 0)";
            // Never adopt an existing user because it has the identifier this identity would get:
            // that user may have come from another sign-in mode.
            var inserted = await Execute(connection, transaction, insertUser + " ON CONFLICT (identifier) DO NOTHING", user, cancellationToken);
            if (inserted == 0)
            {
                await Execute(connection, transaction, insertUser, user with { Identifier = fallbackIdentifier }, cancellationToken);
            }
            await Execute(connection, transaction,
                """
                INSERT INTO user_identities (provider, subject, user_id, email, email_verified, created_at)
                VALUES (@Issuer, @Subject, @UserId, @Email, @EmailVerified, @CreatedAt)
                ON CONFLICT (provider, subject) DO NOTHING
                """,
                Row(identity, user.Id, user.CreatedAt), cancellationToken);
            var owner = await connection.QuerySingleAsync<string>(new CommandDefinition(
                FindSql, new { identity.Issuer, identity.Subject }, transaction, cancellationToken: cancellationToken));
            if (owner != user.Id)
            {
                await Execute(connection, transaction, "DELETE FROM users WHERE id = @Id", new { user.Id }, cancellationToken);
            }
            return owner;
        }, cancellationToken);

    /// <summary>Links the identity to <paramref name="userId"/> unless it is linked to someone else.</summary>
    public Task<LinkOutcome> LinkAsync(ExternalIdentity identity, string userId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var owner = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                FindSql, new { identity.Issuer, identity.Subject }, transaction, cancellationToken: cancellationToken));
            if (owner is not null)
            {
                return owner == userId ? LinkOutcome.AlreadyLinked : LinkOutcome.LinkedToAnotherUser;
            }
            await Execute(connection, transaction,
                "INSERT INTO user_identities (provider, subject, user_id, email, email_verified, created_at) VALUES (@Issuer, @Subject, @UserId, @Email, @EmailVerified, @CreatedAt)",
                Row(identity, userId, time.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken);
            return LinkOutcome.Linked;
        }, cancellationToken);

    /// <summary>Records the email the provider gave this time.</summary>
    public Task UpdateEmailAsync(ExternalIdentity identity, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => Execute(connection, transaction,
                "UPDATE user_identities SET email = @Email, email_verified = @EmailVerified WHERE provider = @Issuer AND subject = @Subject",
                Row(identity, "", 0), cancellationToken),
            cancellationToken);

    private static object Row(ExternalIdentity identity, string userId, long createdAt) => new
    {
        identity.Issuer,
        identity.Subject,
        UserId = userId,
        identity.Email,
        EmailVerified = identity.EmailVerified ? 1 : 0,
        CreatedAt = createdAt,
    };

    private static Task<int> Execute(DbConnection connection, DbTransaction transaction, string sql, object parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
}
