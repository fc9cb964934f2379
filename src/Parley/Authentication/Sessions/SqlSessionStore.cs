using Dapper;
using Parley.Data;

namespace Parley.Authentication.Sessions;

/// <summary>The <c>parley_sessions</c> table (both providers).</summary>
internal sealed class SqlSessionStore(SqlDatabase database)
{
    private const string Columns = """
        s.id AS Id, s.key_hash AS KeyHash, s.user_id AS UserId, s.auth_mode AS AuthMode,
        s.created_at AS CreatedAt, s.last_seen_at AS LastSeenAt, s.expires_at AS ExpiresAt,
        s.idle_timeout_ms AS IdleTimeoutMs, s.revoked_at AS RevokedAt, s.revoked_reason AS RevokedReason,
        s.user_agent AS UserAgent, s.ip_address AS IpAddress, s.security_stamp AS SecurityStamp, s.ticket AS Ticket,
        u.disabled AS UserDisabled, a.security_stamp AS AccountStamp
        """;

    private const string From = """
        FROM parley_sessions s
        JOIN users u ON u.id = s.user_id
        LEFT JOIN accounts a ON a.user_id = s.user_id
        """;

    // Chunks for IN lists: well under SQLite's 32,766 parameters and PostgreSQL's array comfort.
    private const int BatchSize = 500;

    public Task CreateAsync(SessionRow row, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO parley_sessions (id, key_hash, user_id, auth_mode, created_at, last_seen_at, expires_at,
                idle_timeout_ms, revoked_at, revoked_reason, user_agent, ip_address, security_stamp, ticket)
            VALUES (@Id, @KeyHash, @UserId, @AuthMode, @CreatedAt, @LastSeenAt, @ExpiresAt,
                @IdleTimeoutMs, @RevokedAt, @RevokedReason, @UserAgent, @IpAddress, @SecurityStamp, @Ticket)
            """,
            row, transaction, cancellationToken: cancellationToken)), cancellationToken);

    public Task<SessionRow?> FindByKeyHashAsync(string keyHash, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE s.key_hash = @KeyHash",
            new { KeyHash = keyHash }, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>The sessions with these ids (missing ones are simply absent).</summary>
    public async Task<IReadOnlyList<SessionRow>> GetAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        List<SessionRow> rows = [];
        foreach (var batch in ids.Chunk(BatchSize))
        {
            var found = await database.ReadAsync(connection => connection.QueryAsync<SessionRow>(new CommandDefinition(
                $"SELECT {Columns} {From} WHERE {database.Dialect.InList("s.id", "@Ids")}",
                new { Ids = batch }, cancellationToken: cancellationToken)), cancellationToken);
            rows.AddRange(found);
        }
        return rows;
    }

    /// <summary>The user's sessions that are neither revoked nor past their absolute expiry, newest first.</summary>
    public async Task<IReadOnlyList<SessionRow>> ListOpenAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        [.. await database.ReadAsync(connection => connection.QueryAsync<SessionRow>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE s.user_id = @UserId AND s.revoked_at IS NULL AND s.expires_at > @Now ORDER BY s.created_at DESC, s.id DESC",
            new { UserId = userId, Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)), cancellationToken)];

    public Task TouchAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE parley_sessions SET last_seen_at = @Now WHERE id = @Id AND revoked_at IS NULL AND last_seen_at < @Now",
            new { Id = id, Now = now.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    public Task UpdateTicketAsync(string keyHash, string ticket, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE parley_sessions SET ticket = @Ticket WHERE key_hash = @KeyHash AND revoked_at IS NULL",
            new { KeyHash = keyHash, Ticket = ticket }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>
    /// Revokes the matching open sessions and erases their tickets, returning the ids revoked now.
    /// <paramref name="condition"/> is a fixed SQL fragment over parameters in <paramref name="parameters"/>.
    /// </summary>
    public Task<IReadOnlyList<string>> RevokeWhereAsync(string condition, object parameters, DateTimeOffset now, string reason, CancellationToken cancellationToken)
    {
        var arguments = new DynamicParameters(parameters);
        arguments.Add("RevokedAt", now.ToUnixTimeMilliseconds());
        arguments.Add("Reason", reason);
        return database.WriteAsync(async (connection, transaction) =>
        {
            var ids = (await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT id FROM parley_sessions WHERE revoked_at IS NULL AND ({condition})",
                arguments, transaction, cancellationToken: cancellationToken))).ToList();
            if (ids.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE parley_sessions SET revoked_at = @RevokedAt, revoked_reason = @Reason, ticket = '' WHERE revoked_at IS NULL AND ({condition})",
                    arguments, transaction, cancellationToken: cancellationToken));
            }
            return (IReadOnlyList<string>)ids;
        }, cancellationToken);
    }

    /// <summary>Deletes sessions revoked or expired before <paramref name="before"/>.</summary>
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM parley_sessions WHERE revoked_at < @Before OR expires_at < @Before",
            new { Before = before.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken)), cancellationToken);
}
