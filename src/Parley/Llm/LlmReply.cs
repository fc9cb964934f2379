using Parley.Chat;

namespace Parley.Llm;

/// <summary>What <see cref="ChatContextLlmExtensions.StreamChatResponseAsync"/> did.</summary>
public sealed record LlmReply
{
    /// <summary>The assistant message the answer was streamed into; null when the call failed before any output (the empty message was removed).</summary>
    public Message? Message { get; init; }

    /// <summary>The answer's text (all of it, across tool rounds).</summary>
    public string Text { get; init; } = "";

    /// <summary>Tokens used, if the model reported them; also stored in the message step's metadata under <c>llm.usage</c>.</summary>
    public LlmUsage? Usage { get; init; }

    /// <summary>The model that answered, as the service named it.</summary>
    public string? ModelId { get; init; }

    /// <summary>Why the model stopped (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>), if it said.</summary>
    public string? FinishReason { get; init; }

    /// <summary>How many times the model was called (one more per round of tool calls).</summary>
    public int ModelCalls { get; init; }

    /// <summary>How many tool calls were run.</summary>
    public int ToolCalls { get; init; }

    /// <summary>Whether the reply ended because the model kept calling tools past <see cref="LlmReplyOptions.MaxToolIterations"/>.</summary>
    public bool ToolLimitReached { get; init; }

    /// <summary>Why the model call failed; the chat shows its message as an error notice. Null on success.</summary>
    public LlmException? Error { get; init; }

    /// <summary>Whether the model answered without an error.</summary>
    public bool Succeeded => Error is null;
}
