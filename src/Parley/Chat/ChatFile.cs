using Parley.Files;

namespace Parley.Chat;

/// <summary>A file the user uploaded. Its bytes are read through <see cref="OpenReadAsync"/>.</summary>
public sealed class ChatFile
{
    private readonly IFileStore _store;
    private readonly string? _storageKey;

    internal ChatFile(string id, string name, string mime, long size, string type, string? storageKey, IFileStore store)
    {
        Id = id;
        Name = name;
        Mime = mime;
        Size = size;
        Type = type;
        _storageKey = storageKey;
        _store = store;
    }

    /// <summary>The element id of the upload.</summary>
    public string Id { get; }

    /// <summary>The file's display name (sanitized; never a path).</summary>
    public string Name { get; }

    /// <summary>The MIME type the server detected from the content.</summary>
    public string Mime { get; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; }

    /// <summary>The element type: image, pdf, audio, video, text or file.</summary>
    public string Type { get; }

    /// <summary>Opens the file's bytes.</summary>
    /// <exception cref="FileNotFoundException">The bytes are gone (the thread was deleted).</exception>
    public async Task<Stream> OpenReadAsync(CancellationToken cancellationToken = default)
    {
        var stream = _storageKey is null ? null : await _store.OpenReadAsync(_storageKey, cancellationToken);
        return stream ?? throw new FileNotFoundException($"The bytes of file '{Name}' are no longer stored.");
    }

    /// <summary>Reads the whole file as UTF-8 text.</summary>
    public async Task<string> ReadAllTextAsync(CancellationToken cancellationToken = default)
    {
        await using var stream = await OpenReadAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
