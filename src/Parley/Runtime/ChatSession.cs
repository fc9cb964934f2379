using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Chat;
using Parley.Data;
using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>
/// One chat: a user, a thread, a handler instance and the live mirror of the thread. It outlives
/// its connection for the reconnect grace period, so a client that drops gets it back.
/// Thread, steps and elements are written to the database as they happen, except that a thread
/// nobody has written in yet (only a welcome message) is kept in memory until the first user
/// message, so that opening the app does not fill the history with empty threads.
/// </summary>
internal sealed partial class ChatSession
{
    private readonly object _gate = new();
    private readonly ChatRuntime _runtime;
    private readonly List<StepState> _steps = [];
    private readonly Dictionary<string, StepState> _stepsById = new(StringComparer.Ordinal);
    private readonly List<ElementRecord> _elements = [];
    private readonly Dictionary<string, LiveAction> _actions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _persistLock = new(1, 1);
    private readonly CancellationTokenSource _ended = new();
    private long _sequence;
    private volatile bool _threadPersisted;
    private string? _threadName;
    private string? _threadMetadata;

    /// <summary>Set by the flusher while the session waits in its queue.</summary>
    internal int DirtyFlag;

    private readonly AsyncServiceScope _scope;

    public ChatSession(ChatRuntime runtime, ParleyApp app, ParleyUser user, ElementLinks links, string threadId, string? chatProfile, ThreadRecord? existingThread)
    {
        _runtime = runtime;
        App = app;
        User = user;
        Links = links;
        // One scope per chat: the handler and what it resolves live as long as the chat.
        _scope = runtime.Services.CreateAsyncScope();
        Handler = app.CreateHandler(_scope.ServiceProvider);
        ThreadId = threadId;
        ChatProfile = chatProfile;
        _threadPersisted = existingThread is not null;
        _threadName = existingThread?.Name;
        _threadMetadata = existingThread?.Metadata;
        Id = Ids.New();
        Context = new ChatContext(this);
    }

    public string Id { get; }
    public ParleyApp App { get; }
    public ParleyUser User { get; }
    /// <summary>How this chat's element DTOs link to stored bytes (signed for token-authenticated clients).</summary>
    public ElementLinks Links { get; }
    public ChatHandler Handler { get; }
    public string ThreadId { get; }
    public string? ChatProfile { get; private set; }
    public ChatContext Context { get; }
    public Outbox Outbox { get; } = new();
    public UserSession UserSession { get; } = new();
    public bool IsThreadPersisted => _threadPersisted;
    public CancellationToken Ended => _ended.Token;
    internal ChatRuntime Runtime => _runtime;
    internal IServiceProvider Services => _scope.ServiceProvider;
    internal ILogger Logger => _runtime.SessionLogger;

    /// <summary>The connection events go to; null while the client is away.</summary>
    public string? ConnectionId { get; private set; }

    /// <summary>When the connection dropped, for the grace period.</summary>
    public DateTimeOffset? DetachedAt { get; private set; }

    /// <summary>A new chat takes the requested profile only if the handler offers it; otherwise the default one.</summary>
    public async Task ChooseProfileAsync(string? requested, CancellationToken cancellationToken)
    {
        var profiles = await Handler.GetChatProfilesAsync(User, cancellationToken);
        ChatProfile = profiles.Count == 0
            ? null
            : (profiles.FirstOrDefault(p => p.Name == requested) ?? profiles.FirstOrDefault(p => p.IsDefault) ?? profiles[0]).Name;
    }

    /// <summary>Loads the existing steps and elements of a resumed thread into the mirror.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var steps = await _runtime.Steps.ListByThreadAsync(ThreadId, cancellationToken);
        var elements = await _runtime.Elements.ListByThreadAsync(ThreadId, cancellationToken);
        var feedback = await _runtime.Feedback.ListByThreadAsync(ThreadId, cancellationToken);
        var mine = feedback.Where(f => f.UserId == User.Id).ToDictionary(f => f.StepId, ElementMapping.ToDto);
        lock (_gate)
        {
            foreach (var step in steps)
            {
                var state = StepState.FromRecord(step, mine.GetValueOrDefault(step.Id));
                _steps.Add(state);
                _stepsById[state.Id] = state;
                _sequence = Math.Max(_sequence, step.Sequence);
            }
            _elements.AddRange(elements);
            // The settings chosen in this conversation; the resume hook's SetSettings keeps them
            // for the widgets it defines again.
            _settingsValues = ThreadSettings.Read(_threadMetadata);
        }
    }

    public void Attach(string connectionId)
    {
        lock (_gate)
        {
            ConnectionId = connectionId;
            DetachedAt = null;
        }
    }

    public bool Detach(string connectionId, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (ConnectionId != connectionId)
            {
                return false;
            }
            ConnectionId = null;
            DetachedAt = now;
            return true;
        }
    }

    /// <summary>Builds the <see cref="ChatStarted"/> event from the mirror.</summary>
    public async Task<ChatStarted> SnapshotAsync(ChatStartMode mode, CancellationToken cancellationToken)
    {
        var starters = await Handler.GetStartersAsync(User, ChatProfile, cancellationToken);
        var profiles = await Handler.GetChatProfilesAsync(User, cancellationToken);
        lock (_gate)
        {
            return new ChatStarted(
                Id,
                ThreadId,
                mode,
                new UserDto(User.Identifier, User.DisplayName, User.Metadata),
                ChatProfile,
                [.. _steps.Select(s => s.ToDto())],
                [.. _elements.Select(e => ElementMapping.ToDto(e, Links))],
                [.. _actions.Values.Select(a => a.ToDto())],
                SettingsSnapshot(),
                [.. starters.Select(s => new StarterDto(s.Label, s.Message, s.Icon))],
                [.. profiles.Select(p => new ChatProfileDto(p.Name, p.Description, p.Icon, p.IsDefault, p.Starters?.Select(s => new StarterDto(s.Label, s.Message, s.Icon)).ToList()))],
                IsRunning,
                _pendingAsk?.ToEvent());
        }
    }

    /// <summary>Re-attaches after a reconnect: what is queued is covered by the snapshot, which goes out after it is persisted.</summary>
    public async Task ReattachAsync(string connectionId, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(ChatStartMode.Reattached, cancellationToken);
        lock (_gate)
        {
            Outbox.SuppressPendingSends();
            ConnectionId = connectionId;
            DetachedAt = null;
            Outbox.Enqueue(snapshot);
        }
        _runtime.Flusher.MarkDirty(this);
    }

    /// <summary>Queues an event for the client.</summary>
    public void Emit(ServerEvent serverEvent)
    {
        Outbox.Enqueue(serverEvent);
        _runtime.Flusher.MarkDirty(this);
    }

    public DateTimeOffset Now => _runtime.Time.GetUtcNow();

    /// <summary>Writes the thread and everything mirrored so far, once, before the first user message is stored.</summary>
    public async Task EnsureThreadPersistedAsync(string firstMessage, CancellationToken cancellationToken)
    {
        if (_threadPersisted)
        {
            return;
        }
        await _persistLock.WaitAsync(cancellationToken);
        try
        {
            if (_threadPersisted)
            {
                return;
            }
            var now = Now;
            _threadName = ThreadNames.FromFirstMessage(firstMessage);
            await _runtime.Threads.CreateAsync(new ThreadRecord
            {
                Id = ThreadId,
                UserId = User.Id,
                App = App.Key,
                Name = _threadName,
                ChatProfile = ChatProfile,
                Metadata = SettingsMetadata(),
                CreatedAt = now,
                UpdatedAt = now,
            }, cancellationToken);
            StepRecord[] steps;
            ElementRecord[] elements;
            lock (_gate)
            {
                steps = [.. _steps.Select(s => s.ToRecord())];
                elements = [.. _elements];
                foreach (var step in _steps)
                {
                    step.HasQueuedTokens = false;
                }
                _threadPersisted = true;
            }
            foreach (var step in steps)
            {
                await _runtime.Steps.UpsertAsync(step, cancellationToken);
            }
            foreach (var element in elements)
            {
                await _runtime.Elements.CreateAsync(element, cancellationToken);
            }
            Emit(new ThreadRenamed(ThreadId, _threadName));
        }
        finally
        {
            _persistLock.Release();
        }
    }

    public async Task RenameThreadAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        name = ThreadNames.Clean(name);
        _threadName = name;
        if (_threadPersisted)
        {
            await _runtime.Threads.RenameAsync(ThreadId, User.Id, name, cancellationToken);
        }
        Emit(new ThreadRenamed(ThreadId, name));
    }

    private async Task TouchThreadAsync(CancellationToken cancellationToken)
    {
        if (_threadPersisted)
        {
            await _runtime.Threads.TouchAsync(ThreadId, Now, cancellationToken);
        }
    }

    /// <summary>Ends the session: cancels what runs and what waits, then lets the handler clean up.</summary>
    public async Task EndAsync(string reason)
    {
        if (_ended.IsCancellationRequested)
        {
            return;
        }
        await _ended.CancelAsync();
        CancelWaits();
        await WaitForRunAsync(TimeSpan.FromSeconds(5));
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await Handler.OnChatEndAsync(Context, timeout.Token);
        }
        catch (Exception ex)
        {
            Log.HookFailed(Logger, ex, "chat end", Id);
        }
        if (ConnectionId is not null)
        {
            Emit(new SessionEnded(reason));
        }
        await _runtime.Flusher.FlushAsync(CancellationToken.None);
        await _scope.DisposeAsync();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "The {Hook} hook of chat session {SessionId} failed.")]
        public static partial void HookFailed(ILogger logger, Exception exception, string hook, string sessionId);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Chat session {SessionId} refused a client message: {Reason}.")]
        public static partial void Refused(ILogger logger, string sessionId, string reason);
    }

    private sealed record LiveAction(string Id, ChatAction Action, JsonElement? Payload, string? StepId, string? AskId)
    {
        public ActionDto ToDto() => new(Id, Action.Name, Action.Label, Payload, Action.Tooltip, Action.Icon, StepId);

        public ActionInvocation ToInvocation() => new(Id, Action.Name, Action.Label, Payload, StepId);
    }
}
