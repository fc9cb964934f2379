using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Tests.Llm;

/// <summary>A fake model: streams the given updates, then waits (until cancelled) if told to hang.</summary>
internal sealed class ScriptedChatClient(IReadOnlyList<ChatResponseUpdate> updates, bool hangAfter = false) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in updates)
        {
            await Task.Yield();
            yield return update;
        }
        if (hangAfter)
        {
            await Task.Delay(TimeSpan.FromMinutes(2), cancellationToken);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
