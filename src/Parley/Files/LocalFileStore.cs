using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Parley.Files;

/// <summary>
/// Stores element bytes in a local folder (<c>{DataDirectory}/files</c> by default). A key is
/// 32 random lowercase hex characters; its file is <c>{root}/{key[0..2]}/{key[2..4]}/{key}</c>,
/// so no folder grows past 256 entries per level.
/// </summary>
internal sealed partial class LocalFileStore : IFileStore
{
    private const int CopyBufferSize = 81920;
    private readonly string _root;
    private readonly string _staging;

    /// <summary>Creates a store rooted at <paramref name="root"/> (the folder is created by the first save).</summary>
    public LocalFileStore(string root)
    {
        _root = Path.GetFullPath(root);
        // Temporary files live under the root, on the same volume, so the final move is atomic.
        _staging = Path.Combine(_root, ".staging");
    }

    /// <summary>The folder the files are in.</summary>
    public string Root => _root;

    /// <inheritdoc />
    public async Task<(string Key, long Size)> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);

        var key = RandomNumberGenerator.GetHexString(32, lowercase: true);
        Directory.CreateDirectory(_staging);
        var temporary = Path.Combine(_staging, key + ".part");
        long size = 0;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, FileOptions.Asynchronous))
            {
                var buffer = new byte[CopyBufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    // Checked while streaming: a client that lies about (or omits) the length
                    // cannot make the server write more than the limit.
                    if (size > maxBytes)
                    {
                        throw new FileTooLargeException(maxBytes);
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                // The database row that will point at this key is committed after this returns:
                // the bytes must be on disk first.
                file.Flush(flushToDisk: true);
            }
            var destination = PathOf(key);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Move(temporary, destination);
            return (key, size);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!IsKey(key))
        {
            return Task.FromResult<Stream?>(null);
        }
        try
        {
            // FileShare.Delete: deleting an element while someone downloads it must not fail.
            Stream stream = new FileStream(
                PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        if (IsKey(key))
        {
            try
            {
                File.Delete(PathOf(key));
            }
            catch (DirectoryNotFoundException)
            {
                // Never stored, or already gone with its folder: nothing to do.
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Whether <paramref name="key"/> has the exact shape of a generated key. Checked before any
    /// file system call, so no key can name a path outside the store (<c>..</c>, separators,
    /// rooted paths, a trailing newline) or, on a case-insensitive disk, alias another key.
    /// </summary>
    public static bool IsKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    private string PathOf(string key) => Path.Combine(_root, key[..2], key[2..4], key);

    // \z, not $: "$" would also match before a final "\n".
    [GeneratedRegex(@"\A[0-9a-f]{32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
