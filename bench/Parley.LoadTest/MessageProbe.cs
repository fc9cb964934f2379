using System.Diagnostics;

namespace Parley.LoadTest;

/// <summary>The timings of the message in flight, written by the receive loop.</summary>
internal sealed class MessageProbe(int expectedTokens)
{
    public int ExpectedTokens { get; } = expectedTokens;
    public long Start;
    public long FirstToken;
    public long Last;
    public long TokenChars;
    public long FinalChars = -1;
    public string? StepId;
    public string? Error;
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OnToken(int chars)
    {
        if (FirstToken == 0)
        {
            FirstToken = Stopwatch.GetTimestamp();
        }
        TokenChars += chars;
    }

    public void Complete(string? error = null)
    {
        Error ??= error;
        Done.TrySetResult();
    }

    public MessageOutcome ToOutcome()
    {
        if (Error is not null)
        {
            return MessageOutcome.Failed(Error);
        }
        var tokens = TokenChars / SessionClient.TokenText.Length;
        var expectedChars = (long)ExpectedTokens * SessionClient.TokenText.Length;
        if (TokenChars != expectedChars || (FinalChars >= 0 && FinalChars != expectedChars))
        {
            return MessageOutcome.Failed($"short reply");
        }
        var first = FirstToken == 0 ? Last : FirstToken;
        return new MessageOutcome(true, Stopwatch.GetElapsedTime(Start, first).TotalMilliseconds, Stopwatch.GetElapsedTime(Start, Last).TotalMilliseconds, tokens, null);
    }
}
