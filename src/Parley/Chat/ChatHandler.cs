namespace Parley.Chat;

/// <summary>
/// The logic of a chat app. Subclass it and map it with <c>app.MapParley&lt;THandler&gt;("/path")</c>,
/// or describe it with delegates through <c>app.MapParley("/path", chat =&gt; chat.OnMessage(...))</c>.
/// </summary>
/// <remarks>
/// One instance serves one chat session, so fields may hold per-chat state. Instances are created
/// through dependency injection (constructor parameters are resolved from the app's services).
/// Every hook gets a <see cref="CancellationToken"/> that is cancelled when the user presses stop,
/// the chat ends or the server shuts down.
/// </remarks>
public abstract class ChatHandler
{
    /// <summary>A new chat started (not a resume of a thread from history).</summary>
    public virtual Task OnChatStartAsync(ChatContext chat, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The user sent a message.</summary>
    public virtual Task OnMessageAsync(UserMessage message, ChatContext chat, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The user reopened a thread from their history; its steps are in the UI already.</summary>
    public virtual Task OnChatResumeAsync(ChatContext chat, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The chat ended: the user left and did not come back within the reconnect grace period, or started another chat.</summary>
    public virtual Task OnChatEndAsync(ChatContext chat, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The user pressed stop; the running hook's token has been cancelled.</summary>
    public virtual Task OnStopAsync(ChatContext chat) => Task.CompletedTask;

    /// <summary>The user clicked an action button.</summary>
    public virtual Task OnActionAsync(ActionInvocation action, ChatContext chat, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The user changed the chat settings; <see cref="ChatContext.Settings"/> holds the new values.</summary>
    public virtual Task OnSettingsUpdateAsync(ChatSettingsValues settings, ChatContext chat, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The user uploaded files outside of a message.</summary>
    public virtual Task OnFilesUploadedAsync(IReadOnlyList<ChatFile> files, ChatContext chat, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Suggested first messages for an empty chat.</summary>
    public virtual ValueTask<IReadOnlyList<Starter>> GetStartersAsync(ParleyUser user, string? chatProfile, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Starter>>([]);

    /// <summary>The chat profiles the user may choose from.</summary>
    public virtual ValueTask<IReadOnlyList<ChatProfile>> GetChatProfilesAsync(ParleyUser user, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ChatProfile>>([]);
}
