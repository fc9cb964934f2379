using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>A tool's result as text: for the tool step's output and the tool message to the model.</summary>
internal static class ToolResultText
{
    public static string From(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(result.GetType())),
    };
}
