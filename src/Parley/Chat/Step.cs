using Parley.Runtime;

namespace Parley.Chat;

/// <summary>
/// A step of the assistant's work (a tool call, an LLM call, a retrieval…), shown collapsible in
/// the chat. Dispose it (<c>await using</c>) to finish it with the output it has.
/// </summary>
public sealed class Step : StepHandle, IAsyncDisposable
{
    internal Step(ChatSession session, StepState state) : base(session, state)
    {
    }

    /// <summary>Sets the step's input.</summary>
    public Task SetInputAsync(string input, CancellationToken cancellationToken = default)
    {
        State.Input = input;
        return SaveAsync(cancellationToken);
    }

    /// <summary>Finishes the step unless it was finished or removed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (State.EndedAt is null && Session.HasStep(Id))
        {
            await FinishAsync(cancellationToken: CancellationToken.None);
        }
    }
}
