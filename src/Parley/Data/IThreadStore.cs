namespace Parley.Data;

/// <summary>
/// Stores threads. Every read or change that a user causes names that user: a thread of another
/// user behaves exactly as one that does not exist.
/// </summary>
public interface IThreadStore
{
    /// <summary>Creates a thread.</summary>
    Task CreateAsync(ThreadRecord thread, CancellationToken cancellationToken = default);

    /// <summary>Gets a thread if <paramref name="userId"/> owns it; otherwise null.</summary>
    Task<ThreadRecord?> GetAsync(string threadId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Lists a user's threads in an app, most recently updated first, optionally filtered by text.</summary>
    /// <exception cref="ArgumentException">The cursor is malformed or the limit is out of range.</exception>
    Task<Page<ThreadRecord>> ListAsync(string userId, ThreadQuery query, CancellationToken cancellationToken = default);

    /// <summary>Renames a thread the user owns; false if there is none.</summary>
    Task<bool> RenameAsync(string threadId, string userId, string name, CancellationToken cancellationToken = default);

    /// <summary>Sets <see cref="ThreadRecord.UpdatedAt"/>.</summary>
    Task TouchAsync(string threadId, DateTimeOffset updatedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets <see cref="ThreadRecord.UpdatedAt"/>, and the name to <paramref name="name"/> when the
    /// thread has none yet (a thread is named once, e.g. after its first message; a rename wins).
    /// </summary>
    Task TouchAsync(string threadId, DateTimeOffset updatedAt, string? name, CancellationToken cancellationToken = default);

    /// <summary>Replaces <see cref="ThreadRecord.Metadata"/> (a JSON object, or null).</summary>
    Task SetMetadataAsync(string threadId, string? metadata, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a thread the user owns with its steps, elements and feedback, in one transaction.
    /// Returns the storage keys of the deleted elements so the caller can delete their bytes,
    /// or null if the user has no such thread.
    /// </summary>
    Task<IReadOnlyList<string>?> DeleteAsync(string threadId, string userId, CancellationToken cancellationToken = default);
}
