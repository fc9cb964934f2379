namespace Parley.Data;

/// <summary>Stores feedback on steps.</summary>
public interface IFeedbackStore
{
    /// <summary>Creates or replaces the feedback of <see cref="FeedbackRecord.UserId"/> on <see cref="FeedbackRecord.StepId"/>; returns the stored row (its id is kept on replace).</summary>
    Task<FeedbackRecord> UpsertAsync(FeedbackRecord feedback, CancellationToken cancellationToken = default);

    /// <summary>Deletes a user's feedback on a step; false if there was none.</summary>
    Task<bool> DeleteAsync(string stepId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Lists the feedback given in a thread.</summary>
    Task<IReadOnlyList<FeedbackRecord>> ListByThreadAsync(string threadId, CancellationToken cancellationToken = default);
}
