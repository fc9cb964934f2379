namespace Parley.Data;

/// <summary>Stores element metadata. The bytes are in <see cref="Files.IFileStore"/>.</summary>
public interface IElementStore
{
    /// <summary>Creates an element.</summary>
    Task CreateAsync(ElementRecord element, CancellationToken cancellationToken = default);

    /// <summary>Gets an element if <paramref name="userId"/> owns it; otherwise null.</summary>
    Task<ElementRecord?> GetForUserAsync(string elementId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Lists a thread's elements in creation order.</summary>
    Task<IReadOnlyList<ElementRecord>> ListByThreadAsync(string threadId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Attaches uploads of <paramref name="userId"/> that are not yet attached to anything to a
    /// thread and step. Returns the attached elements; ids that are not such uploads are skipped.
    /// </summary>
    Task<IReadOnlyList<ElementRecord>> AttachUploadsAsync(IReadOnlyList<string> elementIds, string userId, string threadId, string? stepId, CancellationToken cancellationToken = default);

    /// <summary>Deletes an element's row; returns its storage key (null if it had none), or throws nothing and returns null if absent.</summary>
    Task<string?> DeleteAsync(string elementId, CancellationToken cancellationToken = default);

    /// <summary>Storage keys of uploads never attached and older than <paramref name="olderThan"/>, deleted from the table (for cleanup).</summary>
    Task<IReadOnlyList<string>> DeleteStaleUploadsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);
}
