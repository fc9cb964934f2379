using System.Text;
using Dapper;

namespace Parley.Data;

/// <summary>The SQL thread store (both providers). Ownership is part of every user-scoped statement.</summary>
internal sealed class SqlThreadStore(SqlDatabase database) : IThreadStore
{
    /// <summary>The largest page <see cref="ListAsync"/> returns.</summary>
    public const int MaxLimit = 100;

    private const string Columns =
        "t.id AS Id, t.user_id AS UserId, t.app AS App, t.name AS Name, t.chat_profile AS ChatProfile, "
        + "t.metadata AS Metadata, t.created_at AS CreatedAt, t.updated_at AS UpdatedAt";

    /// <inheritdoc />
    public Task CreateAsync(ThreadRecord thread, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thread);
        return database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO threads (id, user_id, app, name, chat_profile, metadata, created_at, updated_at)
                VALUES (@Id, @UserId, @App, @Name, @ChatProfile, @Metadata, @CreatedAt, @UpdatedAt)
                """,
                ThreadRow.From(thread),
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ThreadRecord?> GetAsync(string threadId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        ArgumentNullException.ThrowIfNull(userId);
        return database.ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<ThreadRow>(new CommandDefinition(
                $"SELECT {Columns} FROM threads t WHERE t.id = @ThreadId AND t.user_id = @UserId",
                new { ThreadId = threadId, UserId = userId },
                cancellationToken: cancellationToken));
            return row?.ToRecord();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Page<ThreadRecord>> ListAsync(string userId, ThreadQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.App, nameof(query));
        if (query.Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"The limit must be between 1 and {MaxLimit}.");
        }
        var cursor = query.Cursor is null ? (ThreadCursor?)null : ThreadCursor.Decode(query.Cursor, nameof(query));
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search;

        var sql = new StringBuilder($"SELECT {Columns} FROM threads t WHERE t.user_id = @UserId AND t.app = @App");
        if (cursor is not null)
        {
            sql.Append(" AND (t.updated_at, t.id) < (@CursorUpdatedAt, @CursorId)");
        }
        if (search is not null)
        {
            var dialect = database.Dialect;
            // Message steps are the ones whose type ends in "_message"; tool and LLM steps are
            // not conversation text and are not searched.
            sql.Append(" AND (")
                .Append(dialect.MatchesIgnoringCase("t.name", "@Pattern"))
                .Append(" OR EXISTS (SELECT 1 FROM steps s WHERE s.thread_id = t.id AND s.type LIKE '%\\_message' ESCAPE '\\' AND ")
                .Append(dialect.MatchesIgnoringCase("s.output", "@Pattern"))
                .Append("))");
        }
        // One row more than asked tells whether there is a next page.
        sql.Append(" ORDER BY t.updated_at DESC, t.id DESC LIMIT @Take");

        var parameters = new
        {
            UserId = userId,
            query.App,
            CursorUpdatedAt = cursor?.UpdatedAt,
            CursorId = cursor?.Id,
            Pattern = search is null ? null : database.Dialect.ContainsPattern(search),
            Take = query.Limit + 1,
        };
        return database.ReadAsync(async connection =>
        {
            var rows = (await connection.QueryAsync<ThreadRow>(new CommandDefinition(
                sql.ToString(), parameters, cancellationToken: cancellationToken))).ToList();
            var items = rows.Take(query.Limit).Select(row => row.ToRecord()).ToList();
            var next = rows.Count > query.Limit
                ? new ThreadCursor(rows[query.Limit - 1].UpdatedAt, rows[query.Limit - 1].Id).Encode()
                : null;
            return new Page<ThreadRecord>(items, next);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task SetMetadataAsync(string threadId, string? metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        return database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE threads SET metadata = @Metadata WHERE id = @ThreadId",
            new { ThreadId = threadId, Metadata = metadata },
            transaction,
            cancellationToken: cancellationToken)), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RenameAsync(string threadId, string userId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE threads SET name = @Name WHERE id = @ThreadId AND user_id = @UserId",
                new { ThreadId = threadId, UserId = userId, Name = name },
                transaction,
                cancellationToken: cancellationToken)) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task TouchAsync(string threadId, DateTimeOffset updatedAt, CancellationToken cancellationToken = default) =>
        TouchAsync(threadId, updatedAt, null, cancellationToken);

    /// <inheritdoc />
    public Task TouchAsync(string threadId, DateTimeOffset updatedAt, string? name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        return database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                "UPDATE threads SET updated_at = @UpdatedAt, name = COALESCE(name, @Name) WHERE id = @ThreadId",
                new { ThreadId = threadId, UpdatedAt = updatedAt.ToUnixTimeMilliseconds(), Name = name },
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>?> DeleteAsync(string threadId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        ArgumentNullException.ThrowIfNull(userId);
        var parameters = new { ThreadId = threadId, UserId = userId };
        return database.WriteAsync<IReadOnlyList<string>?>(async (connection, transaction) =>
        {
            // Elements first, to learn their storage keys; the thread's steps and their feedback
            // go with the thread (ON DELETE CASCADE). Both statements check the owner.
            var keys = (await connection.QueryAsync<string?>(new CommandDefinition(
                """
                DELETE FROM elements
                WHERE thread_id = @ThreadId
                  AND EXISTS (SELECT 1 FROM threads WHERE id = @ThreadId AND user_id = @UserId)
                RETURNING storage_key
                """,
                parameters,
                transaction,
                cancellationToken: cancellationToken))).OfType<string>().ToList();
            var deleted = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM threads WHERE id = @ThreadId AND user_id = @UserId",
                parameters,
                transaction,
                cancellationToken: cancellationToken));
            return deleted == 0 ? null : keys;
        }, cancellationToken);
    }

    private sealed class ThreadRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string App { get; set; } = "";
        public string? Name { get; set; }
        public string? ChatProfile { get; set; }
        public string? Metadata { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }

        public static ThreadRow From(ThreadRecord thread) => new()
        {
            Id = thread.Id,
            UserId = thread.UserId,
            App = thread.App,
            Name = thread.Name,
            ChatProfile = thread.ChatProfile,
            Metadata = thread.Metadata,
            CreatedAt = thread.CreatedAt.ToUnixTimeMilliseconds(),
            UpdatedAt = thread.UpdatedAt.ToUnixTimeMilliseconds(),
        };

        public ThreadRecord ToRecord() => new()
        {
            Id = Id,
            UserId = UserId,
            App = App,
            Name = Name,
            ChatProfile = ChatProfile,
            Metadata = Metadata,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt),
        };
    }
}
