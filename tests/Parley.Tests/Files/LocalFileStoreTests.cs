using Parley.Files;
using Parley.Tests.Data;

namespace Parley.Tests.Files;

public sealed class LocalFileStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("parley-files-");
    private readonly LocalFileStore _store;

    public LocalFileStoreTests()
    {
        _store = new LocalFileStore(Path.Combine(_folder.FullName, "files"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Saved_bytes_read_back_under_a_generated_key_in_a_fanned_out_folder()
    {
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();

        var (key, size) = await _store.SaveAsync(new MemoryStream(bytes), bytes.Length, Ct).WithTimeout();

        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.Equal(bytes.Length, size);
        Assert.True(File.Exists(Path.Combine(_store.Root, key[..2], key[2..4], key)));
        await using (var stream = await _store.OpenReadAsync(key, Ct).WithTimeout())
        {
            Assert.NotNull(stream);
            var read = new MemoryStream();
            await stream.CopyToAsync(read, Ct).WithTimeout();
            Assert.Equal(bytes, read.ToArray());
        }
        Assert.Equal([Path.Combine(_store.Root, key[..2], key[2..4], key)], StoredFiles());
    }

    [Fact]
    public async Task Each_save_gets_a_new_key()
    {
        var first = await _store.SaveAsync(new MemoryStream([1]), 10, Ct).WithTimeout();
        var second = await _store.SaveAsync(new MemoryStream([1]), 10, Ct).WithTimeout();

        Assert.NotEqual(first.Key, second.Key);
    }

    [Fact]
    public async Task Deleting_removes_the_bytes_and_an_unknown_key_is_not_an_error()
    {
        var (key, _) = await _store.SaveAsync(new MemoryStream([1, 2, 3]), 10, Ct).WithTimeout();

        await _store.DeleteAsync(key, Ct).WithTimeout();
        await _store.DeleteAsync(key, Ct).WithTimeout();
        await _store.DeleteAsync(new string('0', 32), Ct).WithTimeout();

        Assert.Null(await _store.OpenReadAsync(key, Ct).WithTimeout());
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task Content_of_exactly_the_limit_is_accepted_and_one_byte_more_is_refused_leaving_nothing()
    {
        var (_, size) = await _store.SaveAsync(new MemoryStream(new byte[1000]), 1000, Ct).WithTimeout();
        Assert.Equal(1000, size);

        var error = await Assert.ThrowsAsync<FileTooLargeException>(
            () => _store.SaveAsync(new MemoryStream(new byte[1001]), 1000, Ct).WithTimeout());

        Assert.Equal(1000, error.MaxBytes);
        Assert.Single(StoredFiles());
    }

    [Fact]
    public async Task A_save_cancelled_midway_leaves_nothing_behind()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var content = new StallingStream(firstChunk: 64 * 1024);

        var save = _store.SaveAsync(content, 10_000_000, cancellation.Token);
        await content.Stalled.WithTimeout();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => save.WithTimeout());
        Assert.Empty(StoredFiles());
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../secret")]
    [InlineData("../../secret")]
    [InlineData("/etc/passwd")]
    [InlineData("ab/cd/0123456789abcdef0123456789abcdef")]
    [InlineData("ab\\cd\\0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef0123456789abcdef\n")]
    [InlineData("0123456789abcdef0123456789abcde.")]
    public async Task A_malformed_key_never_reaches_the_file_system(string key)
    {
        // A file the key would reach if it were used as a path: outside the store, and at the
        // store's own fan-out location for the separator variants.
        var secret = Path.Combine(_folder.FullName, "secret");
        await File.WriteAllTextAsync(secret, "do not touch", Ct).WithTimeout();
        var fannedOut = Path.Combine(_store.Root, "ab", "cd", "0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(Path.GetDirectoryName(fannedOut)!);
        await File.WriteAllTextAsync(fannedOut, "do not touch", Ct).WithTimeout();

        // And a bait file where the store would look if it accepted a near-miss key
        // (upper case, wrong length, trailing newline or dot) as a generated one.
        string? bait = null;
        if (key.Length >= 4 && key.IndexOfAny(['/', '\\']) < 0 && !key.StartsWith('.'))
        {
            bait = Path.Combine(_store.Root, key[..2], key[2..4], key);
            Directory.CreateDirectory(Path.GetDirectoryName(bait)!);
            await File.WriteAllTextAsync(bait, "do not touch", Ct).WithTimeout();
        }

        Assert.Null(await _store.OpenReadAsync(key, Ct).WithTimeout());
        await _store.DeleteAsync(key, Ct).WithTimeout();

        Assert.True(File.Exists(secret));
        Assert.True(File.Exists(fannedOut));
        Assert.True(bait is null || File.Exists(bait));
    }

    [Fact]
    public async Task An_absolute_path_or_the_upper_case_form_of_a_real_key_opens_nothing()
    {
        var (key, _) = await _store.SaveAsync(new MemoryStream([42]), 10, Ct).WithTimeout();
        var path = Path.Combine(_store.Root, key[..2], key[2..4], key);

        Assert.Null(await _store.OpenReadAsync(path, Ct).WithTimeout());
        Assert.Null(await _store.OpenReadAsync(key.ToUpperInvariant(), Ct).WithTimeout());
        await _store.DeleteAsync(path, Ct).WithTimeout();
        await _store.DeleteAsync(key.ToUpperInvariant(), Ct).WithTimeout();

        Assert.True(File.Exists(path));
    }

    private List<string> StoredFiles() =>
        Directory.Exists(_store.Root) ? [.. Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories)] : [];

    /// <summary>Returns one chunk of data, then waits until the read is cancelled, like a slow upload.</summary>
    private sealed class StallingStream(int firstChunk) : Stream
    {
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _sent;

        public Task Stalled => _stalled.Task;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                var count = Math.Min(firstChunk, buffer.Length);
                buffer.Span[..count].Fill(7);
                return count;
            }
            _stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
