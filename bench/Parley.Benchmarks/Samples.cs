using System.Text;
using Parley.Protocol;

namespace Parley.Benchmarks;

/// <summary>Realistic wire values: ids as Parley makes them, the load test's token text.</summary>
internal static class Samples
{
    public const string StepId = "0199a1b2c3d4e5f60718293a4b5c6d7e";
    private const string ThreadId = "0199a1b2c3d4e5f60718293a4b5c6d7f";
    private const string UserStepId = "0199a1b2c3d4e5f60718293a4b5c6d80";

    public static string Tokens(int count) => new StringBuilder(count * 4).Insert(0, "tok ", count).ToString();

    /// <summary>What a W1 reply puts on the wire, in order.</summary>
    public static ServerEvent[] ReplyFrame(int tokens)
    {
        var now = DateTimeOffset.UtcNow;
        return
        [
            new StepEvent(new StepDto(UserStepId, ThreadId, null, StepTypes.UserMessage, "Guest", null, "100", false, false, null, now, now, null)),
            new RunningEvent(true),
            new StepEvent(new StepDto(StepId, ThreadId, null, StepTypes.AssistantMessage, "Assistant", null, "", true, false, null, now, null, null)),
            new TokenEvent(StepId, Tokens(tokens)),
            new StepEvent(new StepDto(StepId, ThreadId, null, StepTypes.AssistantMessage, "Assistant", null, Tokens(tokens), false, false, null, now, now, null)),
            new RunningEvent(false),
        ];
    }
}
