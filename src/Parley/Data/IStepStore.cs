namespace Parley.Data;

/// <summary>Stores steps (messages are steps).</summary>
public interface IStepStore
{
    /// <summary>Creates the step or replaces every field of an existing one with the same id.</summary>
    Task UpsertAsync(StepRecord step, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends text to the output of streaming steps, all chunks in one transaction (the
    /// runtime's group commit: it persists a batch before sending it to clients).
    /// Chunks for steps that do not exist are ignored.
    /// </summary>
    Task AppendOutputAsync(IReadOnlyList<StepOutputChunk> chunks, CancellationToken cancellationToken = default);

    /// <summary>Gets a step by id, with no ownership check (runtime use).</summary>
    Task<StepRecord?> GetAsync(string stepId, CancellationToken cancellationToken = default);

    /// <summary>Gets a step if it is in a thread that <paramref name="userId"/> owns; otherwise null.</summary>
    Task<StepRecord?> GetForUserAsync(string stepId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Lists a thread's steps in creation order.</summary>
    Task<IReadOnlyList<StepRecord>> ListByThreadAsync(string threadId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a step, its nested steps and their feedback; the elements attached to them are detached from the step. False if there was none.</summary>
    Task<bool> DeleteAsync(string stepId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every step of a thread whose sequence is greater than <paramref name="sequence"/>
    /// (what came after a message), with their feedback, in one transaction; elements attached to
    /// them are detached from the step. Returns how many steps were deleted.
    /// </summary>
    Task<int> DeleteAfterAsync(string threadId, long sequence, CancellationToken cancellationToken = default);
}
