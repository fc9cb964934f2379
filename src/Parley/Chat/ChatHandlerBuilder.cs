namespace Parley.Chat;

/// <summary>Describes a chat app with delegates; see <see cref="ChatHandler"/> for what each hook means.</summary>
public sealed class ChatHandlerBuilder
{
    internal Func<ChatContext, CancellationToken, Task>? ChatStart { get; private set; }
    internal Func<UserMessage, ChatContext, CancellationToken, Task>? Message { get; private set; }
    internal Func<ChatContext, CancellationToken, Task>? ChatResume { get; private set; }
    internal Func<ChatContext, CancellationToken, Task>? ChatEnd { get; private set; }
    internal Func<ChatContext, Task>? Stop { get; private set; }
    internal Dictionary<string, Func<ActionInvocation, ChatContext, CancellationToken, Task>> Actions { get; } = new(StringComparer.Ordinal);
    internal Func<ChatSettingsValues, ChatContext, CancellationToken, Task>? SettingsUpdate { get; private set; }
    internal Func<IReadOnlyList<ChatFile>, ChatContext, CancellationToken, Task>? FilesUploaded { get; private set; }
    internal Func<ParleyUser, string?, IReadOnlyList<Starter>>? StartersFactory { get; private set; }
    internal Func<ParleyUser, IReadOnlyList<ChatProfile>>? ProfilesFactory { get; private set; }

    /// <summary>Runs when a new chat starts.</summary>
    public ChatHandlerBuilder OnChatStart(Func<ChatContext, CancellationToken, Task> handler) => Set(() => ChatStart = handler, handler);

    /// <summary>Runs when a new chat starts.</summary>
    public ChatHandlerBuilder OnChatStart(Func<ChatContext, Task> handler) => OnChatStart((chat, _) => handler(chat));

    /// <summary>Runs for every message the user sends.</summary>
    public ChatHandlerBuilder OnMessage(Func<UserMessage, ChatContext, CancellationToken, Task> handler) => Set(() => Message = handler, handler);

    /// <summary>Runs for every message the user sends; <see cref="ChatContext.Aborted"/> tells when to stop.</summary>
    public ChatHandlerBuilder OnMessage(Func<UserMessage, ChatContext, Task> handler) => OnMessage((message, chat, _) => handler(message, chat));

    /// <summary>Runs when the user reopens a thread from history.</summary>
    public ChatHandlerBuilder OnChatResume(Func<ChatContext, CancellationToken, Task> handler) => Set(() => ChatResume = handler, handler);

    /// <summary>Runs when the chat ends.</summary>
    public ChatHandlerBuilder OnChatEnd(Func<ChatContext, CancellationToken, Task> handler) => Set(() => ChatEnd = handler, handler);

    /// <summary>Runs after the user pressed stop and the running hook was cancelled.</summary>
    public ChatHandlerBuilder OnStop(Func<ChatContext, Task> handler) => Set(() => Stop = handler, handler);

    /// <summary>Runs when the user clicks an action named <paramref name="name"/>.</summary>
    public ChatHandlerBuilder OnAction(string name, Func<ActionInvocation, ChatContext, CancellationToken, Task> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(handler);
        if (!Actions.TryAdd(name, handler))
        {
            throw new InvalidOperationException($"An action callback named '{name}' is registered already.");
        }
        return this;
    }

    /// <summary>Runs when the user clicks an action named <paramref name="name"/>.</summary>
    public ChatHandlerBuilder OnAction(string name, Func<ActionInvocation, ChatContext, Task> handler) =>
        OnAction(name, (action, chat, _) => handler(action, chat));

    /// <summary>Runs when the user changes the chat settings.</summary>
    public ChatHandlerBuilder OnSettingsUpdate(Func<ChatSettingsValues, ChatContext, CancellationToken, Task> handler) => Set(() => SettingsUpdate = handler, handler);

    /// <summary>Runs when the user uploads files outside of a message.</summary>
    public ChatHandlerBuilder OnFilesUploaded(Func<IReadOnlyList<ChatFile>, ChatContext, CancellationToken, Task> handler) => Set(() => FilesUploaded = handler, handler);

    /// <summary>Sets the starters shown on an empty chat.</summary>
    public ChatHandlerBuilder Starters(params Starter[] starters) => Starters((_, _) => starters);

    /// <summary>Sets the starters shown on an empty chat, per user and chat profile.</summary>
    public ChatHandlerBuilder Starters(Func<ParleyUser, string?, IReadOnlyList<Starter>> factory) => Set(() => StartersFactory = factory, factory);

    /// <summary>Sets the chat profiles offered for a new chat.</summary>
    public ChatHandlerBuilder Profiles(params ChatProfile[] profiles) => Profiles(_ => profiles);

    /// <summary>Sets the chat profiles offered for a new chat, per user.</summary>
    public ChatHandlerBuilder Profiles(Func<ParleyUser, IReadOnlyList<ChatProfile>> factory) => Set(() => ProfilesFactory = factory, factory);

    private ChatHandlerBuilder Set(Action assign, object handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        assign();
        return this;
    }
}
