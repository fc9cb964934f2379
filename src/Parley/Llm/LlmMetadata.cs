using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Llm;

/// <summary>
/// Writes what a reply cost into the message step's metadata, as <c>{"llm": {...}}</c> next to
/// whatever the app keeps there: <c>model</c>, <c>usage</c> (<c>inputTokens</c>,
/// <c>outputTokens</c>, <c>totalTokens</c>), <c>modelCalls</c>, <c>toolCalls</c>,
/// <c>finishReason</c>, and <c>stopped</c> or <c>error</c> when the reply did not complete.
/// </summary>
internal static class LlmMetadata
{
    public const string Key = "llm";

    public static string Merge(string? existing, LlmReply reply, bool stopped)
    {
        var root = Parse(existing);
        var llm = new JsonObject();
        if (reply.ModelId is not null)
        {
            llm["model"] = reply.ModelId;
        }
        if (reply.Usage is { } usage)
        {
            llm["usage"] = new JsonObject
            {
                ["inputTokens"] = usage.InputTokens,
                ["outputTokens"] = usage.OutputTokens,
                ["totalTokens"] = usage.TotalTokens,
            };
        }
        llm["modelCalls"] = reply.ModelCalls;
        llm["toolCalls"] = reply.ToolCalls;
        if (reply.FinishReason is not null)
        {
            llm["finishReason"] = reply.FinishReason;
        }
        if (stopped)
        {
            llm["stopped"] = true;
        }
        if (reply.Error is { } error)
        {
            llm["error"] = JsonNamingPolicy.CamelCase.ConvertName(error.Kind.ToString());
        }
        root[Key] = llm;
        return root.ToJsonString();
    }

    /// <summary>Reads the usage back from a step's metadata, if a reply recorded one.</summary>
    public static LlmUsage? ReadUsage(string? metadata)
    {
        if (Parse(metadata)[Key]?["usage"] is not JsonObject usage)
        {
            return null;
        }
        return new LlmUsage(Long(usage["inputTokens"]), Long(usage["outputTokens"]), Long(usage["totalTokens"]));
    }

    private static long? Long(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;

    private static JsonObject Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
