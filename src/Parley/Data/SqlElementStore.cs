using Dapper;

namespace Parley.Data;

/// <summary>The SQL element store (both providers).</summary>
internal sealed class SqlElementStore(SqlDatabase database) : IElementStore
{
    private const string Columns =
        "id AS Id, user_id AS UserId, thread_id AS ThreadId, step_id AS StepId, type AS Type, name AS Name, mime AS Mime, "
        + "size AS Size, display AS Display, storage_key AS StorageKey, url AS Url, props AS Props, created_at AS CreatedAt";

    /// <inheritdoc />
    public Task CreateAsync(ElementRecord element, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(element);
        return database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO elements (id, user_id, thread_id, step_id, type, name, mime, size, display, storage_key, url, props, created_at)
                VALUES (@Id, @UserId, @ThreadId, @StepId, @Type, @Name, @Mime, @Size, @Display, @StorageKey, @Url, @Props, @CreatedAt)
                """,
                ElementRow.From(element),
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ElementRecord?> GetForUserAsync(string elementId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(elementId);
        ArgumentNullException.ThrowIfNull(userId);
        return database.ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<ElementRow>(new CommandDefinition(
                $"SELECT {Columns} FROM elements WHERE id = @ElementId AND user_id = @UserId",
                new { ElementId = elementId, UserId = userId },
                cancellationToken: cancellationToken));
            return row?.ToRecord();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ElementRecord>> ListByThreadAsync(string threadId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        return database.ReadAsync<IReadOnlyList<ElementRecord>>(async connection =>
            (await connection.QueryAsync<ElementRow>(new CommandDefinition(
                $"SELECT {Columns} FROM elements WHERE thread_id = @ThreadId ORDER BY created_at, id",
                new { ThreadId = threadId },
                cancellationToken: cancellationToken)))
            .Select(row => row.ToRecord())
            .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ElementRecord>> AttachUploadsAsync(
        IReadOnlyList<string> elementIds, string userId, string threadId, string? stepId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(elementIds);
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(threadId);
        var ids = elementIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ElementRecord>>([]);
        }
        return database.WriteAsync<IReadOnlyList<ElementRecord>>(async (connection, transaction) =>
        {
            // Only the user's own fresh uploads, and only into a thread the user owns: an id
            // guessed from someone else's upload, or a foreign thread id, attaches nothing.
            var rows = await connection.QueryAsync<ElementRow>(new CommandDefinition(
                $"""
                UPDATE elements SET thread_id = @ThreadId, step_id = @StepId
                WHERE {database.Dialect.InList("id", "@Ids")} AND user_id = @UserId AND thread_id IS NULL AND step_id IS NULL
                  AND EXISTS (SELECT 1 FROM threads WHERE id = @ThreadId AND user_id = @UserId)
                RETURNING {Columns}
                """,
                new { Ids = ids, UserId = userId, ThreadId = threadId, StepId = stepId },
                transaction,
                cancellationToken: cancellationToken));
            // In the order asked for: the message shows its attachments in that order.
            var byId = rows.ToDictionary(row => row.Id, StringComparer.Ordinal);
            return ids.Where(byId.ContainsKey).Select(id => byId[id].ToRecord()).ToList();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string?> DeleteAsync(string elementId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(elementId);
        return database.WriteAsync(
            async (connection, transaction) => await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                "DELETE FROM elements WHERE id = @ElementId RETURNING storage_key",
                new { ElementId = elementId },
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> DeleteStaleUploadsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyList<string>>(async (connection, transaction) =>
            (await connection.QueryAsync<string?>(new CommandDefinition(
                """
                DELETE FROM elements
                WHERE thread_id IS NULL AND step_id IS NULL AND created_at < @OlderThan
                RETURNING storage_key
                """,
                new { OlderThan = olderThan.ToUnixTimeMilliseconds() },
                transaction,
                cancellationToken: cancellationToken)))
            .OfType<string>()
            .ToList(),
            cancellationToken);

    private sealed class ElementRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string? ThreadId { get; set; }
        public string? StepId { get; set; }
        public string Type { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Mime { get; set; }
        public long? Size { get; set; }
        public string Display { get; set; } = "";
        public string? StorageKey { get; set; }
        public string? Url { get; set; }
        public string? Props { get; set; }
        public long CreatedAt { get; set; }

        public static ElementRow From(ElementRecord element) => new()
        {
            Id = element.Id,
            UserId = element.UserId,
            ThreadId = element.ThreadId,
            StepId = element.StepId,
            Type = element.Type,
            Name = element.Name,
            Mime = element.Mime,
            Size = element.Size,
            Display = element.Display,
            StorageKey = element.StorageKey,
            Url = element.Url,
            Props = element.Props,
            CreatedAt = element.CreatedAt.ToUnixTimeMilliseconds(),
        };

        public ElementRecord ToRecord() => new()
        {
            Id = Id,
            UserId = UserId,
            ThreadId = ThreadId,
            StepId = StepId,
            Type = Type,
            Name = Name,
            Mime = Mime,
            Size = Size,
            Display = Display,
            StorageKey = StorageKey,
            Url = Url,
            Props = Props,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
        };
    }
}
