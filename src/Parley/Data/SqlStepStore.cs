using System.Data;
using System.Data.Common;
using System.Text;
using Dapper;

namespace Parley.Data;

/// <summary>The SQL step store (both providers).</summary>
internal sealed class SqlStepStore(SqlDatabase database) : IStepStore
{
    private const string Columns =
        "s.id AS Id, s.thread_id AS ThreadId, s.parent_id AS ParentId, s.type AS Type, s.name AS Name, s.input AS Input, "
        + "s.output AS Output, s.streaming AS Streaming, s.is_error AS IsError, s.language AS Language, "
        + "s.metadata AS Metadata, s.created_at AS CreatedAt, s.ended_at AS EndedAt, s.sequence AS Sequence";

    private const string AppendSql = "UPDATE steps SET output = output || @Text WHERE id = @StepId";

    /// <inheritdoc />
    public Task UpsertAsync(StepRecord step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        return database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO steps (id, thread_id, parent_id, type, name, input, output, streaming, is_error, language, metadata, created_at, ended_at, sequence)
                VALUES (@Id, @ThreadId, @ParentId, @Type, @Name, @Input, @Output, @Streaming, @IsError, @Language, @Metadata, @CreatedAt, @EndedAt, @Sequence)
                ON CONFLICT (id) DO UPDATE SET
                    thread_id = excluded.thread_id, parent_id = excluded.parent_id, type = excluded.type, name = excluded.name,
                    input = excluded.input, output = excluded.output, streaming = excluded.streaming, is_error = excluded.is_error,
                    language = excluded.language, metadata = excluded.metadata, created_at = excluded.created_at,
                    ended_at = excluded.ended_at, sequence = excluded.sequence
                """,
                StepRow.From(step),
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The hot path: the runtime calls it every flush interval with the tokens of every chat.
    /// Chunks of one step are joined first (order kept), so there is one UPDATE per step at
    /// most, all in one transaction: one commit, hence one WAL append on SQLite. On PostgreSQL
    /// the UPDATEs go in one batch (one round trip); on SQLite one prepared statement is reused.
    /// </remarks>
    public Task AppendOutputAsync(IReadOnlyList<StepOutputChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var appends = Coalesce(chunks);
        if (appends.Count == 0)
        {
            return Task.CompletedTask;
        }
        return database.WriteAsync(async (connection, transaction) =>
        {
            if (connection.CanCreateBatch)
            {
                await AppendInBatchAsync(connection, transaction, appends, cancellationToken);
            }
            else
            {
                await AppendWithPreparedCommandAsync(connection, transaction, appends, cancellationToken);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<StepRecord?> GetAsync(string stepId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stepId);
        return QuerySingleAsync($"SELECT {Columns} FROM steps s WHERE s.id = @StepId", new { StepId = stepId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<StepRecord?> GetForUserAsync(string stepId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stepId);
        ArgumentNullException.ThrowIfNull(userId);
        return QuerySingleAsync(
            $"SELECT {Columns} FROM steps s JOIN threads t ON t.id = s.thread_id WHERE s.id = @StepId AND t.user_id = @UserId",
            new { StepId = stepId, UserId = userId },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StepRecord>> ListByThreadAsync(string threadId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        return database.ReadAsync<IReadOnlyList<StepRecord>>(async connection =>
            (await connection.QueryAsync<StepRow>(new CommandDefinition(
                $"SELECT {Columns} FROM steps s WHERE s.thread_id = @ThreadId ORDER BY s.created_at, s.sequence, s.id",
                new { ThreadId = threadId },
                cancellationToken: cancellationToken)))
            .Select(row => row.ToRecord())
            .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string stepId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stepId);
        return database.WriteAsync(async (connection, transaction) =>
        {
            // UNION (not UNION ALL) stops at ids already seen, so a parent cycle cannot loop.
            var ids = (await connection.QueryAsync<string>(new CommandDefinition(
                """
                WITH RECURSIVE tree (id) AS (
                    SELECT id FROM steps WHERE id = @StepId
                    UNION
                    SELECT s.id FROM steps s JOIN tree ON s.parent_id = tree.id
                )
                SELECT id FROM tree
                """,
                new { StepId = stepId },
                transaction,
                cancellationToken: cancellationToken))).ToList();
            if (ids.Count == 0)
            {
                return false;
            }
            var dialect = database.Dialect;
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE elements SET step_id = NULL WHERE {dialect.InList("step_id", "@Ids")}",
                new { Ids = ids },
                transaction,
                cancellationToken: cancellationToken));
            // Their feedback goes with them (ON DELETE CASCADE).
            await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM steps WHERE {dialect.InList("id", "@Ids")}",
                new { Ids = ids },
                transaction,
                cancellationToken: cancellationToken));
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> DeleteAfterAsync(string threadId, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        return database.WriteAsync(async (connection, transaction) =>
        {
            var parameters = new { ThreadId = threadId, Sequence = sequence };
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE elements SET step_id = NULL WHERE step_id IN (SELECT id FROM steps WHERE thread_id = @ThreadId AND sequence > @Sequence)",
                parameters,
                transaction,
                cancellationToken: cancellationToken));
            // Their feedback goes with them (ON DELETE CASCADE).
            return await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM steps WHERE thread_id = @ThreadId AND sequence > @Sequence",
                parameters,
                transaction,
                cancellationToken: cancellationToken));
        }, cancellationToken);
    }

    private static List<StepOutputChunk> Coalesce(IReadOnlyList<StepOutputChunk> chunks)
    {
        var order = new List<string>();
        var texts = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        foreach (var chunk in chunks)
        {
            if (string.IsNullOrEmpty(chunk.Text))
            {
                continue;
            }
            if (!texts.TryGetValue(chunk.StepId, out var text))
            {
                texts[chunk.StepId] = text = new StringBuilder();
                order.Add(chunk.StepId);
            }
            text.Append(chunk.Text);
        }
        return order.ConvertAll(stepId => new StepOutputChunk(stepId, texts[stepId].ToString()));
    }

    private static async Task AppendInBatchAsync(DbConnection connection, DbTransaction transaction, List<StepOutputChunk> appends, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var append in appends)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = AppendSql;
            command.Parameters.Add(Parameter(command.CreateParameter(), "Text", append.Text));
            command.Parameters.Add(Parameter(command.CreateParameter(), "StepId", append.StepId));
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task AppendWithPreparedCommandAsync(DbConnection connection, DbTransaction transaction, List<StepOutputChunk> appends, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = AppendSql;
        var text = Parameter(command.CreateParameter(), "Text", "");
        var stepId = Parameter(command.CreateParameter(), "StepId", "");
        command.Parameters.Add(text);
        command.Parameters.Add(stepId);
        await command.PrepareAsync(cancellationToken);
        foreach (var append in appends)
        {
            text.Value = append.Text;
            stepId.Value = append.StepId;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static DbParameter Parameter(DbParameter parameter, string name, string value)
    {
        parameter.ParameterName = name;
        parameter.DbType = DbType.String;
        parameter.Value = value;
        return parameter;
    }

    private Task<StepRecord?> QuerySingleAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<StepRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            return row?.ToRecord();
        }, cancellationToken);

    private sealed class StepRow
    {
        public string Id { get; set; } = "";
        public string ThreadId { get; set; } = "";
        public string? ParentId { get; set; }
        public string Type { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Input { get; set; }
        public string Output { get; set; } = "";
        public long Streaming { get; set; }
        public long IsError { get; set; }
        public string? Language { get; set; }
        public string? Metadata { get; set; }
        public long CreatedAt { get; set; }
        public long? EndedAt { get; set; }
        public long Sequence { get; set; }

        public static StepRow From(StepRecord step) => new()
        {
            Id = step.Id,
            ThreadId = step.ThreadId,
            ParentId = step.ParentId,
            Type = step.Type,
            Name = step.Name,
            Input = step.Input,
            Output = step.Output,
            Streaming = step.Streaming ? 1 : 0,
            IsError = step.IsError ? 1 : 0,
            Language = step.Language,
            Metadata = step.Metadata,
            CreatedAt = step.CreatedAt.ToUnixTimeMilliseconds(),
            EndedAt = step.EndedAt?.ToUnixTimeMilliseconds(),
            Sequence = step.Sequence,
        };

        public StepRecord ToRecord() => new()
        {
            Id = Id,
            ThreadId = ThreadId,
            ParentId = ParentId,
            Type = Type,
            Name = Name,
            Input = Input,
            Output = Output,
            Streaming = Streaming != 0,
            IsError = IsError != 0,
            Language = Language,
            Metadata = Metadata,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            EndedAt = EndedAt is { } ended ? DateTimeOffset.FromUnixTimeMilliseconds(ended) : null,
            Sequence = Sequence,
        };
    }
}
