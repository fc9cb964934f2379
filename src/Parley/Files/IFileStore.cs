namespace Parley.Files;

/// <summary>
/// Stores element bytes under keys it generates itself. Keys never come from a client: a
/// client names an element id, the server looks up the element (checking its owner) and uses
/// the element's key.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores the stream's bytes under a new key and returns the key and the number of bytes written.</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="maxBytes">The most bytes accepted; a longer stream throws <see cref="FileTooLargeException"/> and stores nothing.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is left behind.</param>
    Task<(string Key, long Size)> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Opens the bytes for reading, or returns null if the key is unknown or malformed.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes the bytes; an unknown key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>Thrown when content exceeds the size allowed for it.</summary>
public sealed class FileTooLargeException(long maxBytes)
    : Exception($"The file is larger than the limit of {maxBytes} bytes.")
{
    /// <summary>The limit that was exceeded.</summary>
    public long MaxBytes { get; } = maxBytes;
}
