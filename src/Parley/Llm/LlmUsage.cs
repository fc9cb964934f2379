using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>Tokens a reply used, summed over every model call it made (tool rounds included).</summary>
/// <param name="InputTokens">Prompt tokens, if the model reported them.</param>
/// <param name="OutputTokens">Completion tokens, if the model reported them.</param>
/// <param name="TotalTokens">All tokens, if the model reported them (or both counts are known).</param>
public sealed record LlmUsage(long? InputTokens, long? OutputTokens, long? TotalTokens)
{
    internal static LlmUsage? From(UsageDetails? details)
    {
        if (details is null || (details.InputTokenCount is null && details.OutputTokenCount is null && details.TotalTokenCount is null))
        {
            return null;
        }
        var total = details.TotalTokenCount ?? (details.InputTokenCount + details.OutputTokenCount);
        return new LlmUsage(details.InputTokenCount, details.OutputTokenCount, total);
    }
}
