namespace Parley.Data;

/// <summary>A Parley user. Sign-in modes map their identities onto this record.</summary>
public sealed record UserRecord
{
    /// <summary>Server-generated id; the key every owned row refers to.</summary>
    public required string Id { get; init; }
    /// <summary>The unique, human-meaningful identifier (user name, email, proxy user header…).</summary>
    public required string Identifier { get; init; }
    /// <summary>The name shown in the UI.</summary>
    public string? DisplayName { get; init; }
    /// <summary>Free-form JSON metadata (an object), or null.</summary>
    public string? Metadata { get; init; }
    /// <summary>When the user was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>A disabled user cannot sign in, and their sessions end.</summary>
    public bool Disabled { get; init; }
}

/// <summary>A conversation, owned by one user, in one mapped Parley app.</summary>
public sealed record ThreadRecord
{
    /// <summary>Server-generated id.</summary>
    public required string Id { get; init; }
    /// <summary>The owner.</summary>
    public required string UserId { get; init; }
    /// <summary>The mapped app the thread belongs to (its route pattern, e.g. "/" or "/support").</summary>
    public required string App { get; init; }
    /// <summary>The thread's title, once known.</summary>
    public string? Name { get; init; }
    /// <summary>The chat profile the thread was started with.</summary>
    public string? ChatProfile { get; init; }
    /// <summary>Free-form JSON metadata (an object), or null.</summary>
    public string? Metadata { get; init; }
    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>When something last happened in it (history is ordered by this).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A step of a thread. Messages are steps (see <see cref="Protocol.StepTypes"/>).</summary>
public sealed record StepRecord
{
    /// <summary>Server-generated id.</summary>
    public required string Id { get; init; }
    /// <summary>The thread.</summary>
    public required string ThreadId { get; init; }
    /// <summary>The enclosing step, for nested steps.</summary>
    public string? ParentId { get; init; }
    /// <summary>The step type.</summary>
    public required string Type { get; init; }
    /// <summary>The author of a message or the name of a step.</summary>
    public required string Name { get; init; }
    /// <summary>The step's input.</summary>
    public string? Input { get; init; }
    /// <summary>A message's content or a step's output; grows while streaming.</summary>
    public string Output { get; init; } = "";
    /// <summary>Whether output is still being streamed. After a crash it stays true: the content is what was flushed.</summary>
    public bool Streaming { get; init; }
    /// <summary>Whether the step failed.</summary>
    public bool IsError { get; init; }
    /// <summary>A language for rendering the output as code.</summary>
    public string? Language { get; init; }
    /// <summary>Free-form JSON metadata (an object), or null.</summary>
    public string? Metadata { get; init; }
    /// <summary>When it was created; steps of a thread are ordered by this, then by <see cref="Sequence"/>.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>When it finished.</summary>
    public DateTimeOffset? EndedAt { get; init; }
    /// <summary>A tie-breaker for steps created within the same millisecond; assigned by the runtime.</summary>
    public long Sequence { get; init; }
}

/// <summary>An element's metadata; its bytes, if Parley stores them, are in the <see cref="Files.IFileStore"/> under <see cref="StorageKey"/>.</summary>
public sealed record ElementRecord
{
    /// <summary>Server-generated id.</summary>
    public required string Id { get; init; }
    /// <summary>The owner (the user whose thread or upload it is).</summary>
    public required string UserId { get; init; }
    /// <summary>The thread, once attached; null for a fresh upload.</summary>
    public string? ThreadId { get; init; }
    /// <summary>The step, once attached.</summary>
    public string? StepId { get; init; }
    /// <summary>The element type.</summary>
    public required string Type { get; init; }
    /// <summary>A display name (never used as a path).</summary>
    public required string Name { get; init; }
    /// <summary>The MIME type decided by the server.</summary>
    public string? Mime { get; init; }
    /// <summary>Size in bytes of stored content.</summary>
    public long? Size { get; init; }
    /// <summary>inline, side or page.</summary>
    public string Display { get; init; } = "inline";
    /// <summary>The generated key of the stored bytes, or null.</summary>
    public string? StorageKey { get; init; }
    /// <summary>An external URL, for elements Parley does not store.</summary>
    public string? Url { get; init; }
    /// <summary>JSON properties of a custom element.</summary>
    public string? Props { get; init; }
    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A user's feedback on a step; at most one per (step, user).</summary>
public sealed record FeedbackRecord
{
    /// <summary>Server-generated id.</summary>
    public required string Id { get; init; }
    /// <summary>The step.</summary>
    public required string StepId { get; init; }
    /// <summary>The step's thread.</summary>
    public required string ThreadId { get; init; }
    /// <summary>Who gave it.</summary>
    public required string UserId { get; init; }
    /// <summary>1 (thumbs up) or -1 (thumbs down).</summary>
    public required int Value { get; init; }
    /// <summary>An optional comment.</summary>
    public string? Comment { get; init; }
    /// <summary>When it was first given.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>When it was last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Text to append to a streaming step's output.</summary>
public readonly record struct StepOutputChunk(string StepId, string Text);

/// <summary>A query over a user's threads in one app.</summary>
/// <param name="App">The mapped app.</param>
/// <param name="Search">Text to find in thread names and message content (case-insensitive), or null.</param>
/// <param name="Cursor">The opaque cursor of the previous page, or null for the first.</param>
/// <param name="Limit">Page size (1–100).</param>
public sealed record ThreadQuery(string App, string? Search = null, string? Cursor = null, int Limit = 20);

/// <summary>A page of results.</summary>
/// <param name="Items">The items.</param>
/// <param name="NextCursor">The cursor of the next page, or null when this is the last.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
