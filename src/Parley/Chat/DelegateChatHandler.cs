namespace Parley.Chat;

/// <summary>A <see cref="ChatHandler"/> whose hooks are the delegates of a <see cref="ChatHandlerBuilder"/>.</summary>
internal sealed class DelegateChatHandler(ChatHandlerBuilder hooks) : ChatHandler
{
    public override Task OnChatStartAsync(ChatContext chat, CancellationToken cancellationToken) =>
        hooks.ChatStart?.Invoke(chat, cancellationToken) ?? Task.CompletedTask;

    public override Task OnMessageAsync(UserMessage message, ChatContext chat, CancellationToken cancellationToken) =>
        hooks.Message?.Invoke(message, chat, cancellationToken) ?? Task.CompletedTask;

    public override Task OnChatResumeAsync(ChatContext chat, CancellationToken cancellationToken) =>
        hooks.ChatResume?.Invoke(chat, cancellationToken) ?? Task.CompletedTask;

    public override Task OnChatEndAsync(ChatContext chat, CancellationToken cancellationToken) =>
        hooks.ChatEnd?.Invoke(chat, cancellationToken) ?? Task.CompletedTask;

    public override Task OnStopAsync(ChatContext chat) => hooks.Stop?.Invoke(chat) ?? Task.CompletedTask;

    public override Task OnActionAsync(ActionInvocation action, ChatContext chat, CancellationToken cancellationToken) =>
        hooks.Actions.TryGetValue(action.Name, out var callback)
            ? callback(action, chat, cancellationToken)
            : chat.SendErrorAsync($"No callback is registered for the action '{action.Name}'.", cancellationToken);

    public override Task OnSettingsUpdateAsync(ChatSettingsValues settings, ChatContext chat, CancellationToken cancellationToken) =>
        hooks.SettingsUpdate?.Invoke(settings, chat, cancellationToken) ?? Task.CompletedTask;

    public override Task OnFilesUploadedAsync(IReadOnlyList<ChatFile> files, ChatContext chat, CancellationToken cancellationToken) =>
        hooks.FilesUploaded?.Invoke(files, chat, cancellationToken) ?? Task.CompletedTask;

    public override ValueTask<IReadOnlyList<Starter>> GetStartersAsync(ParleyUser user, string? chatProfile, CancellationToken cancellationToken) =>
        ValueTask.FromResult(hooks.StartersFactory?.Invoke(user, chatProfile) ?? []);

    public override ValueTask<IReadOnlyList<ChatProfile>> GetChatProfilesAsync(ParleyUser user, CancellationToken cancellationToken) =>
        ValueTask.FromResult(hooks.ProfilesFactory?.Invoke(user) ?? []);
}
