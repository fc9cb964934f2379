using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Chat;
using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>
/// The live chat sessions of this server. A session belongs to one user and one app; a
/// connection may drive at most one session, and only a connection of the session's own user
/// may re-attach to it.
/// </summary>
internal sealed partial class ChatSessionRegistry(ChatRuntime runtime, ILogger<ChatSessionRegistry> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, ChatSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChatSession> _byConnection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ITimer> _expiries = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public ChatSession? GetForConnection(string connectionId) => _byConnection.GetValueOrDefault(connectionId);

    public async Task<ClientAck> StartAsync(ParleyApp app, ParleyUser user, string connectionId, ElementLinks links, StartChat start, CancellationToken cancellationToken)
    {
        if (start.SessionId is { } sessionId
            && _sessions.TryGetValue(sessionId, out var live)
            && live.User.Id == user.Id
            && live.App == app
            && !live.Ended.IsCancellationRequested)
        {
            await ReplaceConnectionSessionAsync(connectionId, live);
            CancelExpiry(live.Id);
            _byConnection[connectionId] = live;
            await live.ReattachAsync(connectionId, cancellationToken);
            return ClientAck.Accepted;
        }

        string threadId;
        Data.ThreadRecord? existing = null;
        if (start.ThreadId is { } requested)
        {
            existing = await runtime.Threads.GetAsync(requested, user.Id, cancellationToken);
            if (existing is null || existing.App != app.Key)
            {
                return ClientAck.Refused(ErrorCodes.NotFound, "This conversation was not found.");
            }
            threadId = existing.Id;
        }
        else
        {
            threadId = Ids.New();
        }

        var session = new ChatSession(runtime, app, user, links, threadId, existing?.ChatProfile, existing);
        var mode = existing is null ? ChatStartMode.New : ChatStartMode.Resumed;
        if (existing is not null)
        {
            await session.LoadAsync(cancellationToken);
        }
        else
        {
            await session.ChooseProfileAsync(start.ChatProfile, cancellationToken);
        }
        await ReplaceConnectionSessionAsync(connectionId, session);
        _sessions[session.Id] = session;
        _byConnection[connectionId] = session;
        session.Attach(connectionId);
        session.Emit(await session.SnapshotAsync(mode, cancellationToken));
        session.StartChatHook(mode);
        Log.Started(logger, session.Id, mode.ToString(), app.Key);
        return ClientAck.Accepted;
    }

    /// <summary>The connection went away: its session waits for the grace period, then ends.</summary>
    public void Disconnected(string connectionId)
    {
        if (!_byConnection.TryRemove(connectionId, out var session) || !session.Detach(connectionId, runtime.Time.GetUtcNow()))
        {
            return;
        }
        var timer = runtime.Time.CreateTimer(_ => _ = EndSessionAsync(session, "expired"), null, runtime.Options.Runtime.ReconnectGracePeriod, Timeout.InfiniteTimeSpan);
        if (_expiries.TryGetValue(session.Id, out var previous))
        {
            previous.Dispose();
        }
        _expiries[session.Id] = timer;
    }

    /// <summary>Ends the sessions writing to a thread (it was deleted).</summary>
    public async Task EndThreadSessionsAsync(string threadId, string reason)
    {
        foreach (var session in _sessions.Values.Where(s => s.ThreadId == threadId).ToList())
        {
            await EndSessionAsync(session, reason);
        }
    }

    /// <summary>Ends every session of a user (sign-out, revoked session, disabled account).</summary>
    public async Task EndUserSessionsAsync(string userId, string reason)
    {
        foreach (var session in _sessions.Values.Where(s => s.User.Id == userId).ToList())
        {
            await EndSessionAsync(session, reason);
        }
    }

    private async Task ReplaceConnectionSessionAsync(string connectionId, ChatSession next)
    {
        if (_byConnection.TryGetValue(connectionId, out var previous) && previous != next)
        {
            // Starting another chat on the same connection ends the one it had.
            await EndSessionAsync(previous, "replaced");
        }
    }

    private async Task EndSessionAsync(ChatSession session, string reason)
    {
        if (!_sessions.TryRemove(session.Id, out _))
        {
            return;
        }
        CancelExpiry(session.Id);
        if (session.ConnectionId is { } connectionId)
        {
            _byConnection.TryRemove(new KeyValuePair<string, ChatSession>(connectionId, session));
        }
        try
        {
            await session.EndAsync(reason);
        }
        catch (Exception ex)
        {
            Log.EndFailed(logger, ex, session.Id);
        }
    }

    private void CancelExpiry(string sessionId)
    {
        if (_expiries.TryRemove(sessionId, out var timer))
        {
            timer.Dispose();
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_sessions.Values.ToList().Select(s => EndSessionAsync(s, "shutdown")));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Chat session {SessionId} started ({Mode}) in app {App}.")]
        public static partial void Started(ILogger logger, string sessionId, string mode, string app);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Ending chat session {SessionId} failed.")]
        public static partial void EndFailed(ILogger logger, Exception exception, string sessionId);
    }
}
