using System.Text.Json;
using Dapper;

namespace Parley.Data;

/// <summary>The SQL user settings store (both providers).</summary>
internal sealed class SqlUserSettingsStore(SqlDatabase database, TimeProvider time) : IUserSettingsStore
{
    /// <summary>The longest key accepted, so a key cannot grow the primary key index without bound.</summary>
    public const int MaxKeyLength = 200;

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
