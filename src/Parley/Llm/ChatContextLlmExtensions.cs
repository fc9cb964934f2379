using Microsoft.Extensions.AI;
using Parley.Chat;

namespace Parley.Llm;

/// <summary>Answers in a chat with any <see cref="IChatClient"/>.</summary>
public static class ChatContextLlmExtensions
{
    /// <summary>
    /// Sends the thread's conversation (<see cref="ChatContext.History"/>, with the system prompt
    /// and attachments <paramref name="options"/> asks for) to <paramref name="client"/> and streams
    /// the answer into a new assistant message, token by token. Function calls of
    /// <see cref="AIFunction"/> tools are run and shown as tool steps nested in the message, then
    /// the model is called again with their results. Token usage goes into the message step's
    /// metadata. A failing model call becomes a clear error notice in the chat, and the returned
    /// reply carries it in <see cref="LlmReply.Error"/>: it is not thrown.
    /// </summary>
    /// <param name="chat">The chat to answer in.</param>
    /// <param name="client">The model.</param>
    /// <param name="options">The system prompt, model options, tools, attachments and limits.</param>
    /// <param name="cancellationToken">Cancels the call (stop); defaults to <see cref="ChatContext.Aborted"/>.</param>
    /// <exception cref="OperationCanceledException">The user pressed stop; what was streamed is kept.</exception>
    public static Task<LlmReply> StreamChatResponseAsync(this ChatContext chat, IChatClient client, LlmReplyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(client);
        options ??= new LlmReplyOptions();
        if (options.MaxToolIterations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "LlmReplyOptions.MaxToolIterations must not be negative.");
        }
        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "LlmReplyOptions.IdleTimeout must be positive.");
        }
        var token = cancellationToken.CanBeCanceled ? cancellationToken : chat.Aborted;
        return new LlmReplyRunner(chat, client, options).RunAsync(token);
    }

    /// <summary>The token usage a reply recorded in this message's metadata, if any.</summary>
    public static LlmUsage? GetLlmUsage(this StepHandle step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return LlmMetadata.ReadUsage(step.State.Metadata);
    }
}
