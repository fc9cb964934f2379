using System.Text.Json;
using Parley.Protocol;
using Parley.Runtime;

namespace Parley.Chat;

/// <summary>
/// Everything a handler can do in its chat: send and stream messages, run steps, attach elements
/// and actions, ask the user, manage settings, and read the user and the per-chat session.
/// </summary>
public sealed class ChatContext
{
    private readonly ChatSession _session;

    internal ChatContext(ChatSession session) => _session = session;

    /// <summary>The signed-in user, from the authenticated connection.</summary>
    public ParleyUser User => _session.User;

    /// <summary>The thread this chat writes to.</summary>
    public string ThreadId => _session.ThreadId;

    /// <summary>The chat profile picked for this chat, if any.</summary>
    public string? ChatProfile => _session.ChatProfile;

    /// <summary>Per-chat key/value storage.</summary>
    public UserSession Session => _session.UserSession;

    /// <summary>The current values of the chat settings panel.</summary>
    public ChatSettingsValues Settings => _session.Settings;

    /// <summary>Cancelled when the user presses stop, the chat ends, or the server stops; the token of the running hook.</summary>
    public CancellationToken Aborted => _session.RunToken;

    /// <summary>The services of this chat (a scope that lives as long as the chat).</summary>
    public IServiceProvider Services => _session.Services;

    /// <summary>
    /// The conversation so far: user and assistant messages in order (error notices left out),
    /// with their files; the message being handled is the last user message. A snapshot.
    /// </summary>
    public IReadOnlyList<ChatHistoryMessage> History => _session.History();

    /// <summary>Sends a complete message.</summary>
    public async Task<Message> SendMessageAsync(string content, MessageOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var message = await CreateMessageAsync(content, streaming: false, options, cancellationToken);
        await AttachExtrasAsync(message, options, cancellationToken);
        return message;
    }

    /// <summary>Starts an empty message to stream tokens into; call <see cref="StepHandle.FinishAsync"/> when done.</summary>
    public async Task<Message> StartMessageAsync(MessageOptions? options = null, CancellationToken cancellationToken = default)
    {
        var message = await CreateMessageAsync("", streaming: true, options, cancellationToken);
        _session.TrackStream(message.State);
        await AttachExtrasAsync(message, options, cancellationToken);
        return message;
    }

    /// <summary>Streams a message from <paramref name="tokens"/> and finishes it; stop cancels the enumeration.</summary>
    public async Task<Message> StreamMessageAsync(IAsyncEnumerable<string> tokens, MessageOptions? options = null, CancellationToken cancellationToken = default)
    {
        var message = await StartMessageAsync(options, cancellationToken);
        await message.StreamAsync(tokens, cancellationToken);
        return message;
    }

    /// <summary>Sends an error notice into the chat.</summary>
    public async Task SendErrorAsync(string message, CancellationToken cancellationToken = default)
    {
        var state = await _session.CreateStepAsync(StepTypes.SystemMessage, "Error", null, null, message, false, null, cancellationToken);
        state.IsError = true;
        state.EndedAt = _session.Now;
        await _session.SaveStepAsync(state, cancellationToken);
    }

    /// <summary>Starts a step (shown collapsible); nest it with <paramref name="parent"/>. Dispose or finish it when done.</summary>
    public async Task<Step> StartStepAsync(string name, string type = StepTypes.Run, string? input = null, StepHandle? parent = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!StepTypes.IsKnown(type) || StepTypes.IsMessage(type))
        {
            throw new ArgumentException($"'{type}' is not a step type; use run, tool, llm, retrieval, embedding, rerank or undefined.", nameof(type));
        }
        var state = await _session.CreateStepAsync(type, name, parent?.Id, input, "", streaming: false, null, cancellationToken);
        return new Step(_session, state);
    }

    /// <summary>Runs <paramref name="work"/> inside a step that is finished afterwards (marked as an error if it throws).</summary>
    public async Task<T> RunStepAsync<T>(string name, string type, Func<Step, CancellationToken, Task<T>> work, string? input = null, StepHandle? parent = null, CancellationToken cancellationToken = default)
    {
        var token = Token(cancellationToken);
        await using var step = await StartStepAsync(name, type, input, parent, cancellationToken);
        try
        {
            return await work(step, token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await step.FinishAsync(ex.Message, isError: true, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Attaches elements to the thread itself (not to a message).</summary>
    public async Task AttachAsync(Element element, CancellationToken cancellationToken = default) =>
        await _session.AttachElementAsync(null, element, cancellationToken);

    /// <summary>Asks the user for text; null when nobody answers within <paramref name="timeout"/>.</summary>
    public async Task<string?> AskTextAsync(string prompt, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        (string?)await _session.AskAsync(AskKind.Text, prompt, timeout ?? TimeSpan.FromMinutes(5), null, null, Token(cancellationToken));

    /// <summary>Asks the user for files; null when nobody answers within <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ChatFile>?> AskFilesAsync(string prompt, AskFilesOptions? options = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        (IReadOnlyList<ChatFile>?)await _session.AskAsync(AskKind.Files, prompt, timeout ?? TimeSpan.FromMinutes(5), options ?? new AskFilesOptions(), null, Token(cancellationToken));

    /// <summary>Asks the user to pick one of <paramref name="actions"/>; null when nobody answers within <paramref name="timeout"/>.</summary>
    public async Task<ActionInvocation?> AskActionAsync(string prompt, IReadOnlyList<ChatAction> actions, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (actions is not { Count: > 0 })
        {
            throw new ArgumentException("Offer at least one action.", nameof(actions));
        }
        return (ActionInvocation?)await _session.AskAsync(AskKind.Action, prompt, timeout ?? TimeSpan.FromMinutes(5), null, actions, Token(cancellationToken));
    }

    /// <summary>Shows the chat settings panel with these widgets (values the user already set are kept).</summary>
    public void SetSettings(params ChatSetting[] widgets)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var widget in widgets)
        {
            if (!ids.Add(widget.Id))
            {
                throw new ArgumentException($"Two settings have the id '{widget.Id}'.", nameof(widgets));
            }
        }
        _session.SetSettings(widgets);
    }

    /// <summary>Adds action buttons to the chat, not tied to a message.</summary>
    public void AddActions(params ChatAction[] actions) => _session.AddActions(null, actions);

    /// <summary>Removes an action button.</summary>
    public bool RemoveAction(string actionId) => _session.RemoveAction(actionId);

    /// <summary>Renames the thread in the user's history.</summary>
    public Task RenameThreadAsync(string name, CancellationToken cancellationToken = default) => _session.RenameThreadAsync(name, cancellationToken);

    /// <summary>Calls a function the copilot's host page registered, and returns its result.</summary>
    /// <exception cref="HostFunctionException">The host function reported an error.</exception>
    /// <exception cref="TimeoutException">The host page did not answer in time.</exception>
    public Task<JsonElement> CallHostFunctionAsync(string name, object? args = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _session.CallHostFunctionAsync(name, args, timeout ?? TimeSpan.FromSeconds(30), Token(cancellationToken));

    private async Task<Message> CreateMessageAsync(string content, bool streaming, MessageOptions? options, CancellationToken cancellationToken)
    {
        var state = await _session.CreateStepAsync(StepTypes.AssistantMessage, options?.Author ?? "Assistant", options?.Parent?.Id, null, content, streaming, options?.Language, cancellationToken);
        return new Message(_session, state);
    }

    private async Task AttachExtrasAsync(Message message, MessageOptions? options, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            return;
        }
        if (options.Elements.Count > 0)
        {
            await message.AttachAsync(options.Elements, cancellationToken);
        }
        if (options.Actions.Count > 0)
        {
            message.AddActions([.. options.Actions]);
        }
    }

    /// <summary>
    /// Waiting (asks, host calls) stops with the running hook unless the caller passes its own
    /// token. Writes take only the caller's token: they are short, and a hook that was stopped
    /// must still be able to finish its message or say that it stopped.
    /// </summary>
    private CancellationToken Token(CancellationToken cancellationToken) => cancellationToken.CanBeCanceled ? cancellationToken : _session.RunToken;
}
