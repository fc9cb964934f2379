using Microsoft.AspNetCore.SignalR;

namespace Parley.Authentication.Sessions;

/// <summary>
/// The open chat connections of each browser session on this instance, so that ending a session
/// closes its connections at once instead of leaving them open until they drop.
/// </summary>
internal sealed class SessionConnections
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, HubCallerContext>> _bySession = new(StringComparer.Ordinal);
    private HashSet<string> _active = new(StringComparer.Ordinal);

    /// <summary>The sessions with at least one open connection.</summary>
    public IReadOnlyList<string> SessionIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _bySession.Keys];
            }
        }
    }

    public void Add(string sessionId, HubCallerContext connection)
    {
        lock (_lock)
        {
            if (!_bySession.TryGetValue(sessionId, out var connections))
            {
                _bySession[sessionId] = connections = new(StringComparer.Ordinal);
            }
            connections[connection.ConnectionId] = connection;
        }
    }

    public void Remove(string sessionId, string connectionId)
    {
        lock (_lock)
        {
            if (_bySession.TryGetValue(sessionId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _bySession.Remove(sessionId);
            }
        }
    }

    /// <summary>Records chat activity on a session; see <see cref="TakeActive"/>.</summary>
    public void MarkActive(string sessionId)
    {
        lock (_lock)
        {
            _active.Add(sessionId);
        }
    }

    /// <summary>The sessions active since the last call: a chat over WebSocket makes no HTTP request that would record it.</summary>
    public IReadOnlySet<string> TakeActive()
    {
        lock (_lock)
        {
            var active = _active;
            _active = new(StringComparer.Ordinal);
            return active;
        }
    }

    /// <summary>Closes every open connection of the session; returns how many there were.</summary>
    public int Abort(string sessionId)
    {
        List<HubCallerContext> connections;
        lock (_lock)
        {
            if (!_bySession.Remove(sessionId, out var byId))
            {
                return 0;
            }
            connections = [.. byId.Values];
        }
        foreach (var connection in connections)
        {
            connection.Abort();
        }
        return connections.Count;
    }
}
