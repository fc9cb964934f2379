namespace Parley.LoadTest;

/// <summary>What one message of a session came to.</summary>
/// <param name="TtftMs">From sending the message to the first token of the reply.</param>
/// <param name="TtltMs">From sending the message to the reply's last token (its final frame).</param>
internal sealed record MessageOutcome(bool Ok, double TtftMs, double TtltMs, long Tokens, string? Error)
{
    public static MessageOutcome Failed(string error) => new(false, 0, 0, 0, error);
}
