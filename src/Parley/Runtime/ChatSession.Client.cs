using Parley.Chat;
using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>What the client asks of the session. Every id it names is checked against this session.</summary>
internal sealed partial class ChatSession
{
    private readonly HashSet<string> _clientMessageIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _clientMessageOrder = new();

    public async Task<ClientAck> HandleAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case SendUserMessage m:
                return await OnUserMessageAsync(m, cancellationToken);
            case StopGeneration:
                await StopAsync();
                return ClientAck.Accepted;
            case InvokeAction m:
                return OnAction(m);
            case AskReply m:
                return await OnAskReplyAsync(m, cancellationToken);
            case UpdateSettings m:
                return await OnSettingsUpdateAsync(m, cancellationToken);
            case UploadFiles m:
                return await OnFilesUploadedAsync(m, cancellationToken);
            case HostFunctionResult m:
                return OnHostFunctionResult(m);
            case RegenerateReply:
                return await OnRegenerateAsync(cancellationToken);
            case EditUserMessage m:
                return await OnEditMessageAsync(m, cancellationToken);
            default:
                return ClientAck.Refused(ErrorCodes.BadRequest, "This message is not valid here.");
        }
    }

    private async Task<ClientAck> OnUserMessageAsync(SendUserMessage m, CancellationToken cancellationToken)
    {
        var limits = _runtime.Options.Limits;
        if (string.IsNullOrWhiteSpace(m.ClientId) || m.ClientId.Length > 100)
        {
            return ClientAck.Refused(ErrorCodes.BadRequest, "A message needs a clientId of at most 100 characters.");
        }
        if (m.Content is null || m.Content.Length > limits.MaxMessageChars)
        {
            return ClientAck.Refused(ErrorCodes.TooLarge, $"Messages are limited to {limits.MaxMessageChars} characters.");
        }
        var fileIds = m.FileIds ?? [];
        if (fileIds.Count > limits.MaxFilesPerMessage)
        {
            return ClientAck.Refused(ErrorCodes.TooLarge, $"At most {limits.MaxFilesPerMessage} files can be attached to a message.");
        }
        if (m.Content.Trim().Length == 0 && fileIds.Count == 0)
        {
            return ClientAck.Refused(ErrorCodes.BadRequest, "The message is empty.");
        }
        lock (_clientMessageIds)
        {
            if (_clientMessageIds.Contains(m.ClientId))
            {
                // A resend after a reconnect: the first one was taken.
                return ClientAck.Accepted;
            }
        }

        var ask = _pendingAsk;
        if (ask is { Kind: AskKind.Text })
        {
            return await AnswerTextAskAsync(ask, m.Content, m.ClientId, cancellationToken);
        }
        if (IsRunning)
        {
            return ClientAck.Refused(ErrorCodes.Busy, "Please wait for the current reply to finish, or press stop.");
        }

        var (step, files) = await StoreUserMessageAsync(m.Content, fileIds, m.ClientId, cancellationToken);
        var chatMessage = new UserMessage(step.Id, m.Content, files, step.CreatedAt);
        if (!TryStartRun("message", ct => Handler.OnMessageAsync(chatMessage, Context, ct)))
        {
            return ClientAck.Refused(ErrorCodes.Busy, "Please wait for the current reply to finish, or press stop.");
        }
        return ClientAck.Accepted;
    }

    private async Task<(StepState Step, IReadOnlyList<ChatFile> Files)> StoreUserMessageAsync(string content, IReadOnlyList<string> fileIds, string clientId, CancellationToken cancellationToken)
    {
        await EnsureThreadPersistedAsync(content, cancellationToken);
        var step = await CreateStepAsync(StepTypes.UserMessage, User.DisplayName ?? User.Identifier, null, null, content, false, null, cancellationToken);
        var files = await AttachUploadsAsync(fileIds, step.Id, cancellationToken);
        await TouchThreadAsync(cancellationToken);
        lock (_clientMessageIds)
        {
            _clientMessageIds.Add(clientId);
            _clientMessageOrder.Enqueue(clientId);
            if (_clientMessageOrder.Count > 200)
            {
                _clientMessageIds.Remove(_clientMessageOrder.Dequeue());
            }
        }
        return (step, files);
    }

    private ClientAck OnAction(InvokeAction m)
    {
        LiveAction? action;
        lock (_gate)
        {
            _actions.TryGetValue(m.ActionId ?? "", out action);
        }
        if (action is null)
        {
            return ClientAck.Refused(ErrorCodes.NotFound, "This action is no longer available.");
        }
        if (action.AskId is { } askId)
        {
            return AnswerActionAsk(askId, action);
        }
        var invocation = action.ToInvocation();
        return TryStartRun("action", ct => Handler.OnActionAsync(invocation, Context, ct))
            ? ClientAck.Accepted
            : ClientAck.Refused(ErrorCodes.Busy, "Please wait for the current reply to finish, or press stop.");
    }

    private async Task<ClientAck> OnSettingsUpdateAsync(UpdateSettings m, CancellationToken cancellationToken)
    {
        if (m.Values is null)
        {
            return ClientAck.Refused(ErrorCodes.BadRequest, "Settings need values.");
        }
        if (IsRunning)
        {
            return ClientAck.Refused(ErrorCodes.Busy, "Settings can be changed once the current reply has finished.");
        }
        var values = ApplySettings(m.Values);
        await PersistSettingsAsync(cancellationToken);
        return TryStartRun("settings update", ct => Handler.OnSettingsUpdateAsync(values, Context, ct))
            ? ClientAck.Accepted
            : ClientAck.Refused(ErrorCodes.Busy, "Settings can be changed once the current reply has finished.");
    }

    private async Task<ClientAck> OnFilesUploadedAsync(UploadFiles m, CancellationToken cancellationToken)
    {
        var fileIds = m.FileIds ?? [];
        if (fileIds.Count == 0 || fileIds.Count > _runtime.Options.Limits.MaxFilesPerMessage)
        {
            return ClientAck.Refused(ErrorCodes.BadRequest, $"Send between 1 and {_runtime.Options.Limits.MaxFilesPerMessage} files.");
        }
        if (IsRunning)
        {
            return ClientAck.Refused(ErrorCodes.Busy, "Please wait for the current reply to finish, or press stop.");
        }
        await EnsureThreadPersistedAsync("Files", cancellationToken);
        var files = await AttachUploadsAsync(fileIds, null, cancellationToken);
        if (files.Count != fileIds.Count)
        {
            return ClientAck.Refused(ErrorCodes.NotFound, "Some files were not found; upload them again.");
        }
        return TryStartRun("files uploaded", ct => Handler.OnFilesUploadedAsync(files, Context, ct))
            ? ClientAck.Accepted
            : ClientAck.Refused(ErrorCodes.Busy, "Please wait for the current reply to finish, or press stop.");
    }
}
