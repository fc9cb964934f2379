using Microsoft.Extensions.AI;
using Parley.Chat;
using Parley.Llm;

namespace Parley.Assistant;

/// <summary>
/// The assistant's chat logic: the configured model (or, with none configured, Parley's offline
/// demo model, whose replies open with how to configure a real one) answers with the thread's
/// history as context.
/// </summary>
internal sealed class AssistantHandler(IChatClient model) : ChatHandler
{
    private const string Instructions = "You are a helpful assistant. Answer concisely and use Markdown where it helps.";

    public override ValueTask<IReadOnlyList<Starter>> GetStartersAsync(ParleyUser user, string? chatProfile, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Starter>>(
        [
            new Starter("Explain streaming", "How does token streaming work in a chat app?"),
            new Starter("Write a haiku", "Write a haiku about reliable software."),
        ]);

    public override Task OnMessageAsync(UserMessage message, ChatContext chat, CancellationToken cancellationToken) =>
        chat.StreamChatResponseAsync(model, new LlmReplyOptions { SystemPrompt = Instructions, Attachments = LlmAttachments.Text | LlmAttachments.Images }, cancellationToken);
}
