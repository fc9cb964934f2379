using System.Text.Json;
using Dapper;

namespace Parley.Data;

/// <summary>The SQL user settings store (both providers).</summary>
internal sealed class SqlUserSettingsStore(SqlDatabase database, TimeProvider time) : IUserSettingsStore
{
    /// <summary>The longest key accepted, so a key cannot grow the primary key index without bound.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>How often <see cref="UpdateAsync"/> reads again after losing to another writer before it gives up.</summary>
    private const int MaxUpdateAttempts = 50;

    /// <inheritdoc />
    public Task<T?> GetAsync<T>(string userId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        CheckKey(key);
        return database.ReadAsync(async connection =>
        {
            var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT value FROM user_settings WHERE user_id = @UserId AND key = @Key",
                new { UserId = userId, Key = key },
                cancellationToken: cancellationToken));
            return json is null ? default : JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task SetAsync<T>(string userId, string key, T value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        CheckKey(key);
        var json = JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
        return database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO user_settings (user_id, key, value, updated_at) VALUES (@UserId, @Key, @Value, @UpdatedAt)
                ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """,
                new { UserId = userId, Key = key, Value = json, UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds() },
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Optimistic: the write is conditional on the JSON text read (an update <c>WHERE value =</c>
    /// it, or an insert that does nothing if a row appeared), one statement, so it holds across
    /// instances on PostgreSQL as well as for SQLite's single writer. A value changed and changed
    /// back in between counts as unchanged, which is what the caller saw.
    /// </remarks>
    public async Task<T?> UpdateAsync<T>(string userId, string key, Func<T?, T?> change, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(change);
        CheckKey(key);
        for (var attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
        {
            var current = await database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT value FROM user_settings WHERE user_id = @UserId AND key = @Key",
                new { UserId = userId, Key = key },
                cancellationToken: cancellationToken)), cancellationToken);
            var value = current is null ? null : JsonSerializer.Deserialize<T>(current, JsonSerializerOptions.Web);
            var next = change(value);
            if (next is null)
            {
                return value;
            }
            var row = new
            {
                UserId = userId,
                Key = key,
                Value = JsonSerializer.Serialize(next, JsonSerializerOptions.Web),
                Current = current,
                UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            };
            var written = await database.WriteAsync(
                (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                    current is null
                        ? "INSERT INTO user_settings (user_id, key, value, updated_at) VALUES (@UserId, @Key, @Value, @UpdatedAt) ON CONFLICT (user_id, key) DO NOTHING"
                        : "UPDATE user_settings SET value = @Value, updated_at = @UpdatedAt WHERE user_id = @UserId AND key = @Key AND value = @Current",
                    row,
                    transaction,
                    cancellationToken: cancellationToken)),
                cancellationToken);
            if (written == 1)
            {
                return next;
            }
        }
        throw new InvalidOperationException($"The user setting '{key}' kept changing under {MaxUpdateAttempts} attempts to update it; nothing was stored.");
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string userId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        CheckKey(key);
        return database.WriteAsync(
            async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM user_settings WHERE user_id = @UserId AND key = @Key",
                new { UserId = userId, Key = key },
                transaction,
                cancellationToken: cancellationToken)) > 0,
            cancellationToken);
    }

    private static void CheckKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, MaxKeyLength, nameof(key));
    }
}
