using System.Text;
using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>
/// The events a chat session has produced but not yet flushed. Consecutive tokens of one step
/// are merged into one entry, so a fast stream becomes few frames and few database writes.
/// </summary>
internal sealed class Outbox
{
    private readonly object _gate = new();
    private List<OutboxEntry> _entries = [];

    /// <summary>Queues an event for the client (already persisted by the caller).</summary>
    public void Enqueue(ServerEvent serverEvent)
    {
        lock (_gate)
        {
            _entries.Add(new OutboxEntry(serverEvent));
        }
    }

    /// <summary>Queues text for a streaming step: persisted by the flusher, then sent.</summary>
    public void EnqueueToken(string stepId, string text)
    {
        lock (_gate)
        {
            if (_entries.Count > 0 && _entries[^1] is { Tokens: { } tokens, Send: true } last && last.StepId == stepId)
            {
                tokens.Append(text);
                return;
            }
            _entries.Add(new OutboxEntry(stepId, new StringBuilder(text)));
        }
    }

    /// <summary>
    /// Marks what is queued as already delivered (a snapshot sent on re-attach contains it):
    /// tokens are still persisted, nothing is sent.
    /// </summary>
    public void SuppressPendingSends()
    {
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                entry.Send = false;
            }
        }
    }

    /// <summary>Takes everything queued.</summary>
    public List<OutboxEntry>? Drain()
    {
        lock (_gate)
        {
            if (_entries.Count == 0)
            {
                return null;
            }
            var drained = _entries;
            _entries = [];
            return drained;
        }
    }
}

/// <summary>An event, or the merged tokens of one step.</summary>
internal sealed class OutboxEntry
{
    public OutboxEntry(ServerEvent serverEvent) => Event = serverEvent;

    public OutboxEntry(string stepId, StringBuilder tokens)
    {
        StepId = stepId;
        Tokens = tokens;
    }

    public ServerEvent? Event { get; }
    public string? StepId { get; }
    public StringBuilder? Tokens { get; }
    public bool Send { get; set; } = true;

    public ServerEvent ToEvent() => Event ?? new TokenEvent(StepId!, Tokens!.ToString());
}
