using Parley.Protocol;
using Parley.Runtime;

namespace Parley.Chat;

/// <summary>A message or step the handler created: stream into it, update, finish, attach, remove.</summary>
public abstract class StepHandle
{
    private protected StepHandle(ChatSession session, StepState state)
    {
        Session = session;
        State = state;
    }

    private protected ChatSession Session { get; }
    internal StepState State { get; }

    /// <summary>The step's id.</summary>
    public string Id => State.Id;

    /// <summary>The step type (see <see cref="StepTypes"/>).</summary>
    public string Type => State.Type;

    /// <summary>The content or output so far.</summary>
    public string Output => State.OutputText;

    /// <summary>Whether text is still being streamed into it.</summary>
    public bool IsStreaming => State.Streaming;

    /// <summary>Appends streamed text (a token). It reaches the browser within one flush interval and is persisted before it is shown.</summary>
    public ValueTask StreamTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        // Streaming stops with the running hook even when the handler passes no token.
        Link(cancellationToken).ThrowIfCancellationRequested();
        if (!State.Streaming)
        {
            State.Streaming = true;
            Session.TrackStream(State);
        }
        Session.AppendToken(State, token);
        return ValueTask.CompletedTask;
    }

    /// <summary>Streams every token of <paramref name="tokens"/>, then finishes.</summary>
    public async Task StreamAsync(IAsyncEnumerable<string> tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var token = Link(cancellationToken);
        await foreach (var t in tokens.WithCancellation(token))
        {
            await StreamTokenAsync(t, token);
        }
        await FinishAsync(cancellationToken: token);
    }

    /// <summary>Replaces the content or output (and ends streaming if it was streaming).</summary>
    public Task UpdateAsync(string output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        State.SetOutput(output);
        return SaveAsync(cancellationToken);
    }

    /// <summary>Ends streaming; optionally sets the final output and marks an error.</summary>
    public Task FinishAsync(string? output = null, bool isError = false, CancellationToken cancellationToken = default)
    {
        if (output is not null)
        {
            State.SetOutput(output);
        }
        State.IsError |= isError;
        State.EndedAt ??= Session.Now;
        return SaveAsync(cancellationToken);
    }

    /// <summary>Removes it (and its nested steps) from the chat.</summary>
    public Task RemoveAsync(CancellationToken cancellationToken = default)
    {
        Session.UntrackStream(State);
        return Session.RemoveStepAsync(State, cancellationToken);
    }

    /// <summary>Attaches elements.</summary>
    public async Task AttachAsync(IEnumerable<Element> elements, CancellationToken cancellationToken = default)
    {
        foreach (var element in elements)
        {
            await Session.AttachElementAsync(Id, element, cancellationToken);
        }
    }

    /// <summary>Attaches an element.</summary>
    public Task AttachAsync(Element element, CancellationToken cancellationToken = default) => AttachAsync([element], cancellationToken);

    /// <summary>Adds action buttons.</summary>
    public void AddActions(params ChatAction[] actions) => Session.AddActions(Id, actions);

    /// <summary>Starts a step nested under this one.</summary>
    public Task<Step> StartStepAsync(string name, string type = StepTypes.Run, string? input = null, CancellationToken cancellationToken = default) =>
        Session.Context.StartStepAsync(name, type, input, parent: this, cancellationToken);

    private protected Task SaveAsync(CancellationToken cancellationToken)
    {
        if (State.Streaming)
        {
            State.Streaming = false;
            Session.UntrackStream(State);
        }
        return Session.SaveStepAsync(State, cancellationToken);
    }

    private CancellationToken Link(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? cancellationToken : Session.RunToken;
}
