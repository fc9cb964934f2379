using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AiChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using SdkChatFinishReason = OpenAI.Chat.ChatFinishReason;

namespace Parley.Llm;

/// <summary>
/// Maps the SDK's streamed chunks to <see cref="ChatResponseUpdate"/>s. Tool calls arrive as
/// fragments (id and name first, then pieces of the arguments) keyed by their index; they are
/// assembled and emitted whole, as <see cref="FunctionCallContent"/>, once the stream ends.
/// </summary>
internal sealed class OpenAiStreamingMapping
{
    private readonly SortedDictionary<int, ToolCallBuilder> _toolCalls = [];
    private string? _responseId;
    private string? _modelId;
    private DateTimeOffset? _createdAt;

    public ChatResponseUpdate Map(StreamingChatCompletionUpdate update)
    {
        _responseId = update.CompletionId ?? _responseId;
        _modelId = update.Model ?? _modelId;
        _createdAt ??= update.CreatedAt == default ? null : update.CreatedAt;
        List<AIContent> contents = [];
        foreach (var part in update.ContentUpdate)
        {
            if (part.Kind == ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                contents.Add(new TextContent(part.Text));
            }
        }
        if (!string.IsNullOrEmpty(update.RefusalUpdate))
        {
            contents.Add(new TextContent(update.RefusalUpdate));
        }
        foreach (var call in update.ToolCallUpdates)
        {
            if (!_toolCalls.TryGetValue(call.Index, out var builder))
            {
                _toolCalls[call.Index] = builder = new ToolCallBuilder();
            }
            builder.Id ??= call.ToolCallId;
            builder.Name ??= call.FunctionName;
            if (call.FunctionArgumentsUpdate is { } arguments && !arguments.IsEmpty)
            {
                builder.Arguments.Append(arguments.ToString());
            }
        }
        if (update.Usage is { } usage)
        {
            contents.Add(new UsageContent(new UsageDetails
            {
                InputTokenCount = usage.InputTokenCount,
                OutputTokenCount = usage.OutputTokenCount,
                TotalTokenCount = usage.TotalTokenCount,
                CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
                ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
            }));
        }
        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = _responseId,
            MessageId = _responseId,
            ModelId = _modelId,
            CreatedAt = _createdAt,
            FinishReason = FinishReason(update.FinishReason),
            RawRepresentation = update,
        };
    }

    /// <summary>The assembled tool calls, if the model made any.</summary>
    public ChatResponseUpdate? Complete()
    {
        if (_toolCalls.Count == 0)
        {
            return null;
        }
        List<AIContent> calls = [];
        foreach (var (index, builder) in _toolCalls)
        {
            var json = builder.Arguments.Length == 0 ? "{}" : builder.Arguments.ToString();
            calls.Add(FunctionCallContent.CreateFromParsedArguments(json, builder.Id ?? $"call_{index}", builder.Name ?? "", ParseArguments));
        }
        _toolCalls.Clear();
        return new ChatResponseUpdate(ChatRole.Assistant, calls)
        {
            ResponseId = _responseId,
            MessageId = _responseId,
            ModelId = _modelId,
            CreatedAt = _createdAt,
            FinishReason = AiChatFinishReason.ToolCalls,
        };
    }

    private static Dictionary<string, object?>? ParseArguments(string json) =>
        (Dictionary<string, object?>?)JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>)));

    private static AiChatFinishReason? FinishReason(SdkChatFinishReason? reason) => reason switch
    {
        SdkChatFinishReason.Stop => AiChatFinishReason.Stop,
        SdkChatFinishReason.Length => AiChatFinishReason.Length,
        SdkChatFinishReason.ToolCalls or SdkChatFinishReason.FunctionCall => AiChatFinishReason.ToolCalls,
        SdkChatFinishReason.ContentFilter => AiChatFinishReason.ContentFilter,
        _ => null,
    };

    private sealed class ToolCallBuilder
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public StringBuilder Arguments { get; } = new();
    }
}
