using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Data;
using Parley.Hosting;
using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>
/// Group commit for everything chat sessions emit. Each cycle it takes the outboxes of all
/// sessions with news, appends all streamed text in one database transaction, and only then
/// sends each connection one frame. So whatever a client has seen is on disk, and a thousand
/// streams cost one write and one frame per connection per cycle rather than one per token.
/// A cycle starts as soon as there is news, then waits the flush interval before the next one:
/// a single slow stream is sent token by token without delay. Only tokens wait out the interval:
/// any other event, or a caller awaiting <see cref="FlushAsync"/>, ends the wait, so the steps
/// and the end of a reply are never held back by the coalescing meant for its tokens.
/// </summary>
internal sealed partial class StreamFlusher(
    IStepStore steps,
    IHubContext<ChatHub> hub,
    IOptions<ParleyOptions> options,
    TimeProvider time,
    ILogger<StreamFlusher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Queue<ChatSession> _dirty = new();
    private readonly object _gate = new();
    private List<TaskCompletionSource> _waiters = [];
    private TaskCompletionSource _hurry = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Tells the flusher that a session has queued something. Tokens (<paramref name="urgent"/>
    /// false) may wait for the flush interval to be coalesced; anything else ends the wait.
    /// </summary>
    public void MarkDirty(ChatSession session, bool urgent = true)
    {
        if (urgent)
        {
            Volatile.Read(ref _hurry).TrySetResult();
        }
        if (Interlocked.Exchange(ref session.DirtyFlag, 1) == 1)
        {
            return;
        }
        lock (_gate)
        {
            _dirty.Enqueue(session);
        }
        Wake();
    }

    /// <summary>Completes once everything queued before the call is persisted and sent.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add(waiter);
        }
        Volatile.Read(ref _hurry).TrySetResult();
        Wake();
        return waiter.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Runtime.StreamFlushInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            // What asks to hurry from now on ends the pause after this cycle (it may not be in it).
            if (_hurry.Task.IsCompleted)
            {
                Volatile.Write(ref _hurry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            await FlushOnceAsync(CancellationToken.None);
            if (interval > TimeSpan.Zero && !_hurry.Task.IsCompleted)
            {
                using var pause = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(interval, time, pause.Token);
                if (await Task.WhenAny(delay, _hurry.Task) != delay)
                {
                    await pause.CancelAsync();
                }
            }
        }
        // Shutting down: what sessions queued last still reaches the database.
        await FlushOnceAsync(CancellationToken.None);
    }

    internal async Task FlushOnceAsync(CancellationToken cancellationToken)
    {
        List<TaskCompletionSource> waiters;
        List<(ChatSession Session, List<OutboxEntry> Entries)> batches = [];
        lock (_gate)
        {
            waiters = _waiters;
            _waiters = [];
            while (_dirty.TryDequeue(out var session))
            {
                Interlocked.Exchange(ref session.DirtyFlag, 0);
                if (session.Outbox.Drain() is { } entries)
                {
                    batches.Add((session, entries));
                }
            }
        }

        try
        {
            var persisted = true;
            try
            {
                await PersistAsync(batches, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Text that is not on disk is not shown either: a client never sees what a crash would lose.
                persisted = false;
                Log.PersistFailed(logger, ex);
            }
            await SendAsync(batches, includeTokens: persisted);
        }
        finally
        {
            foreach (var waiter in waiters)
            {
                waiter.TrySetResult();
            }
        }
    }

    private async Task PersistAsync(List<(ChatSession Session, List<OutboxEntry> Entries)> batches, CancellationToken cancellationToken)
    {
        List<StepOutputChunk> chunks = [];
        foreach (var (session, entries) in batches)
        {
            if (!session.IsThreadPersisted)
            {
                // Nothing of an unsent thread is stored yet; it is written whole with its first user message.
                continue;
            }
            foreach (var entry in entries)
            {
                if (entry.Tokens is { } tokens)
                {
                    chunks.Add(new StepOutputChunk(entry.StepId!, tokens.ToString()));
                }
            }
        }
        if (chunks.Count == 0)
        {
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await steps.AppendOutputAsync(chunks, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 3 && ex is not OperationCanceledException)
            {
                Log.AppendRetry(logger, ex, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), time, cancellationToken);
            }
        }
    }

    private async Task SendAsync(List<(ChatSession Session, List<OutboxEntry> Entries)> batches, bool includeTokens)
    {
        List<Task> sends = [];
        foreach (var (session, entries) in batches)
        {
            if (session.ConnectionId is not { } connectionId)
            {
                continue;
            }
            var events = new List<ServerEvent>(entries.Count);
            foreach (var entry in entries)
            {
                if (entry.Send && (includeTokens || entry.Tokens is null))
                {
                    events.Add(entry.ToEvent());
                }
            }
            if (!includeTokens && entries.Exists(e => e.Tokens is not null))
            {
                events.Add(new ErrorEvent(ErrorCodes.HandlerError, "Part of the reply could not be saved; reload the chat to see what was kept."));
            }
            if (events.Count > 0)
            {
                ServerEvent[] frame = [.. events];
                sends.Add(hub.Clients.Client(connectionId).SendAsync(ChatHub.ReceiveMethod, frame));
            }
        }
        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception ex)
        {
            // A connection that went away mid-send re-attaches and gets a snapshot; nothing to retry.
            Log.SendFailed(logger, ex);
        }
    }

    private void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread woke the flusher first.
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Persisting streamed output failed (attempt {Attempt}); retrying.")]
        public static partial void AppendRetry(ILogger logger, Exception exception, int attempt);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Persisting streamed output failed; the text was not sent to clients.")]
        public static partial void PersistFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Sending a frame to a chat connection failed.")]
        public static partial void SendFailed(ILogger logger, Exception exception);
    }
}
