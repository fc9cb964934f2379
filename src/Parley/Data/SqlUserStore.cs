using Dapper;

namespace Parley.Data;

/// <summary>The SQL user store (both providers).</summary>
internal sealed class SqlUserStore(SqlDatabase database, TimeProvider time) : IUserStore
{
    private const string Columns =
        "id AS Id, identifier AS Identifier, display_name AS DisplayName, metadata AS Metadata, created_at AS CreatedAt, disabled AS Disabled";

    /// <inheritdoc />
    public Task<UserRecord?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return FindAsync("id = @Value", id, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserRecord?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return FindAsync("identifier = @Value", identifier, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserRecord> GetOrCreateAsync(string identifier, string? displayName, string? metadata, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        var candidate = new
        {
            Id = Guid.CreateVersion7().ToString("N"),
            Identifier = identifier,
            DisplayName = displayName,
            Metadata = metadata,
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        return database.WriteAsync(async (connection, transaction) =>
        {
            // A concurrent creator of the same identifier makes this insert wait for its commit
            // and then do nothing; the SELECT (a new statement, so a new snapshot under READ
            // COMMITTED) then sees that creator's row. On SQLite, writers are serialized anyway.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO users (id, identifier, display_name, metadata, created_at, disabled)
                VALUES (@Id, @Identifier, @DisplayName, @Metadata, @CreatedAt, 0)
                ON CONFLICT (identifier) DO NOTHING
                """,
                candidate,
                transaction,
                cancellationToken: cancellationToken));
            var row = await connection.QuerySingleAsync<UserRow>(new CommandDefinition(
                $"SELECT {Columns} FROM users WHERE identifier = @Identifier",
                new { Identifier = identifier },
                transaction,
                cancellationToken: cancellationToken));
            return row.ToRecord();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateAsync(UserRecord user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET display_name = @DisplayName, metadata = @Metadata, disabled = @Disabled WHERE id = @Id",
                new { user.Id, user.DisplayName, user.Metadata, Disabled = user.Disabled ? 1 : 0 },
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

    private Task<UserRecord?> FindAsync(string condition, string value, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
                $"SELECT {Columns} FROM users WHERE {condition}",
                new { Value = value },
                cancellationToken: cancellationToken));
            return row?.ToRecord();
        }, cancellationToken);

    private sealed class UserRow
    {
        public string Id { get; set; } = "";
        public string Identifier { get; set; } = "";
        public string? DisplayName { get; set; }
        public string? Metadata { get; set; }
        public long CreatedAt { get; set; }
        public long Disabled { get; set; }

        public UserRecord ToRecord() => new()
        {
            Id = Id,
            Identifier = Identifier,
            DisplayName = DisplayName,
            Metadata = Metadata,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            Disabled = Disabled != 0,
        };
    }
}
