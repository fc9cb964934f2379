namespace Parley.Llm;

/// <summary>The event ids of LLM log messages, in one table so they stay stable and unique.</summary>
internal static class LlmEventIds
{
    public const int ModelCallFailed = 1400;
    public const int ToolFailed = 1401;
    public const int ToolNotFound = 1402;
    public const int ToolLimitReached = 1403;
    public const int DemoModelInUse = 1410;
}
