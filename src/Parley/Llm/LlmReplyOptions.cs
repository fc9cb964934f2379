using Microsoft.Extensions.AI;
using Parley.Chat;

namespace Parley.Llm;

/// <summary>How <see cref="ChatContextLlmExtensions.StreamChatResponseAsync"/> builds the conversation and runs tools.</summary>
public sealed record LlmReplyOptions
{
    /// <summary>A system prompt put first in the conversation.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>
    /// Options for the model: temperature, max output tokens, tools… <see cref="AIFunction"/> tools
    /// are run when the model calls them; declaration-only tools are answered with an error.
    /// </summary>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>Which files of the user's messages are sent to the model. Default: text files only.</summary>
    public LlmAttachments Attachments { get; init; } = LlmAttachments.Text;

    /// <summary>Files larger than this are not sent (the model is told their names). Default: 4 MiB.</summary>
    public long MaxAttachmentBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Only the last this many messages of the thread are sent. Default: 100.</summary>
    public int MaxHistoryMessages { get; init; } = 100;

    /// <summary>The most rounds of tool calls run in one reply; a model that asks for more is stopped with a notice. Default: 8.</summary>
    public int MaxToolIterations { get; init; } = 8;

    /// <summary>
    /// The longest wait for the next streamed update (the first one included) before the call is
    /// given up as timed out. Default: 5 minutes. Measured with the app's <see cref="TimeProvider"/>.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether a failing tool's exception message is shown in its step and passed to the model. Default: false (it may hold internal details).</summary>
    public bool IncludeToolErrorDetails { get; init; }

    /// <summary>The author, parent and extras of the assistant message.</summary>
    public MessageOptions? Message { get; init; }
}
