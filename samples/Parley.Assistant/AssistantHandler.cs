using Parley.Chat;

namespace Parley.Assistant;

/// <summary>
/// The assistant's chat logic. Until a model is configured it answers as an offline demo, so the
/// app can be tried with no API key.
/// </summary>
internal sealed class AssistantHandler : ChatHandler
{
    public override ValueTask<IReadOnlyList<Starter>> GetStartersAsync(ParleyUser user, string? chatProfile, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Starter>>(
        [
            new Starter("Explain streaming", "How does token streaming work in Parley?"),
            new Starter("Write a haiku", "Write a haiku about reliable software."),
        ]);

    public override async Task OnMessageAsync(ChatMessage message, ChatContext chat, CancellationToken cancellationToken)
    {
        var reply = await chat.StartMessageAsync(cancellationToken: cancellationToken);
        var text = $"No model is configured, so this is Parley's offline demo answering. You wrote {message.Content.Length} characters" +
                   (message.Files.Count > 0 ? $" and attached {message.Files.Count} file(s)" : "") + ".";
        foreach (var word in text.Split(' '))
        {
            await reply.StreamTokenAsync(word + " ", cancellationToken);
            await Task.Delay(15, cancellationToken);
        }
        await reply.FinishAsync(cancellationToken: cancellationToken);
    }
}
