using Parley.Chat;
using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>The conversation so far, for handlers that pass it on (to an LLM).</summary>
internal sealed partial class ChatSession
{
    /// <summary>
    /// User and assistant messages in order, with the files stored for them. Error notices and
    /// system messages are left out: they are Parley's, not the conversation's.
    /// </summary>
    public IReadOnlyList<ChatHistoryMessage> History()
    {
        lock (_gate)
        {
            var files = _elements
                .Where(e => e.StepId is not null && e.StorageKey is not null)
                .ToLookup(e => e.StepId!, StringComparer.Ordinal);
            return [.. _steps
                .Where(s => !s.IsError && s.Type is StepTypes.UserMessage or StepTypes.AssistantMessage)
                .OrderBy(s => s.CreatedAt).ThenBy(s => s.Sequence)
                .Select(s => new ChatHistoryMessage(
                    s.Id,
                    s.Type == StepTypes.UserMessage ? ChatHistoryRole.User : ChatHistoryRole.Assistant,
                    s.OutputText,
                    [.. files[s.Id].Select(e => new ChatFile(e.Id, e.Name, e.Mime ?? "application/octet-stream", e.Size ?? 0, e.Type, e.StorageKey, _runtime.Files))],
                    s.CreatedAt))];
        }
    }
}
