using Dapper;

namespace Parley.Data;

/// <summary>The SQL feedback store (both providers).</summary>
internal sealed class SqlFeedbackStore(SqlDatabase database) : IFeedbackStore
{
    private const string Columns =
        "id AS Id, step_id AS StepId, thread_id AS ThreadId, user_id AS UserId, value AS Value, comment AS Comment, "
        + "created_at AS CreatedAt, updated_at AS UpdatedAt";

    /// <inheritdoc />
    public Task<FeedbackRecord> UpsertAsync(FeedbackRecord feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        if (feedback.Value is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(feedback), feedback.Value, "Feedback is 1 (thumbs up) or -1 (thumbs down).");
        }
        return database.WriteAsync(async (connection, transaction) =>
        {
            // One row per (step, user): a second rating replaces value and comment but keeps the
            // row's id and creation time, so clients holding the id stay valid.
            var row = await connection.QuerySingleAsync<FeedbackRow>(new CommandDefinition(
                $"""
                INSERT INTO feedback (id, step_id, thread_id, user_id, value, comment, created_at, updated_at)
                VALUES (@Id, @StepId, @ThreadId, @UserId, @Value, @Comment, @CreatedAt, @UpdatedAt)
                ON CONFLICT (step_id, user_id) DO UPDATE SET
                    value = excluded.value, comment = excluded.comment, updated_at = excluded.updated_at
                RETURNING {Columns}
                """,
                FeedbackRow.From(feedback),
                transaction,
                cancellationToken: cancellationToken));
            return row.ToRecord();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string stepId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stepId);
        ArgumentNullException.ThrowIfNull(userId);
        return database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM feedback WHERE step_id = @StepId AND user_id = @UserId",
                new { StepId = stepId, UserId = userId },
                transaction,
                cancellationToken: cancellationToken)) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedbackRecord>> ListByThreadAsync(string threadId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        return database.ReadAsync<IReadOnlyList<FeedbackRecord>>(async connection =>
            (await connection.QueryAsync<FeedbackRow>(new CommandDefinition(
                $"SELECT {Columns} FROM feedback WHERE thread_id = @ThreadId ORDER BY created_at, id",
                new { ThreadId = threadId },
                cancellationToken: cancellationToken)))
            .Select(row => row.ToRecord())
            .ToList(),
            cancellationToken);
    }

    private sealed class FeedbackRow
    {
        public string Id { get; set; } = "";
        public string StepId { get; set; } = "";
        public string ThreadId { get; set; } = "";
        public string UserId { get; set; } = "";
        public int Value { get; set; }
        public string? Comment { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }

        public static FeedbackRow From(FeedbackRecord feedback) => new()
        {
            Id = feedback.Id,
            StepId = feedback.StepId,
            ThreadId = feedback.ThreadId,
            UserId = feedback.UserId,
            Value = feedback.Value,
            Comment = feedback.Comment,
            CreatedAt = feedback.CreatedAt.ToUnixTimeMilliseconds(),
            UpdatedAt = feedback.UpdatedAt.ToUnixTimeMilliseconds(),
        };

        public FeedbackRecord ToRecord() => new()
        {
            Id = Id,
            StepId = StepId,
            ThreadId = ThreadId,
            UserId = UserId,
            Value = Value,
            Comment = Comment,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt),
        };
    }
}
