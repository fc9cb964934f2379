using System.Collections.Concurrent;
using System.Text.Json;
using Parley.Chat;
using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>Waiting for the user (asks), for the copilot host page (host functions), and the settings panel.</summary>
internal sealed partial class ChatSession
{
    private PendingAsk? _pendingAsk;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _hostCalls = new(StringComparer.Ordinal);
    private IReadOnlyList<ChatSetting> _settingsWidgets = [];
    private Dictionary<string, JsonElement> _settingsValues = new(StringComparer.Ordinal);

    public ChatSettingsValues Settings
    {
        get
        {
            lock (_gate)
            {
                return new ChatSettingsValues(new Dictionary<string, JsonElement>(_settingsValues, StringComparer.Ordinal));
            }
        }
    }

    /// <summary>Asks and waits. Returns null on timeout; throws when the run is cancelled.</summary>
    public async Task<object?> AskAsync(AskKind kind, string prompt, TimeSpan timeout, AskFilesOptions? files, IReadOnlyList<ChatAction>? actions, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "An ask needs a positive timeout.");
        }
        var promptStep = await CreateStepAsync(StepTypes.AssistantMessage, "Assistant", null, null, prompt, false, null, cancellationToken);
        var askId = Ids.New();
        var offered = actions is { Count: > 0 } ? AddActions(promptStep.Id, actions, askId) : null;
        var ask = new PendingAsk(askId, kind, promptStep.Id, (long)timeout.TotalMilliseconds, files, offered);
        if (Interlocked.CompareExchange(ref _pendingAsk, ask, null) is not null)
        {
            throw new InvalidOperationException("Another ask is already waiting for the user; await it before asking again.");
        }
        Emit(ask.ToEvent());
        try
        {
            return await ask.Completion.Task.WaitAsync(timeout, _runtime.Time, cancellationToken);
        }
        catch (TimeoutException)
        {
            EndAsk(ask, AskEndReason.Timeout);
            return null;
        }
        catch (OperationCanceledException)
        {
            EndAsk(ask, AskEndReason.Cancelled);
            throw;
        }
    }

    private void EndAsk(PendingAsk ask, AskEndReason reason)
    {
        if (Interlocked.CompareExchange(ref _pendingAsk, null, ask) != ask)
        {
            return;
        }
        foreach (var action in ask.Actions ?? [])
        {
            RemoveAction(action.Id);
        }
        Emit(new AskEnded(ask.Id, reason));
    }

    private async Task<ClientAck> AnswerTextAskAsync(PendingAsk ask, string text, string? clientId, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _pendingAsk, null, ask) != ask)
        {
            return ClientAck.Refused(ErrorCodes.NotFound, "This question is no longer waiting for an answer.");
        }
        await StoreUserMessageAsync(text, [], clientId ?? Ids.New(), cancellationToken);
        Emit(new AskEnded(ask.Id, AskEndReason.Answered));
        ask.Completion.TrySetResult(text);
        return ClientAck.Accepted;
    }

    private ClientAck AnswerActionAsk(string askId, LiveAction action)
    {
        var ask = _pendingAsk;
        if (ask is null || ask.Id != askId || Interlocked.CompareExchange(ref _pendingAsk, null, ask) != ask)
        {
            return ClientAck.Refused(ErrorCodes.NotFound, "This question is no longer waiting for an answer.");
        }
        foreach (var offered in ask.Actions ?? [])
        {
            RemoveAction(offered.Id);
        }
        Emit(new AskEnded(ask.Id, AskEndReason.Answered));
        ask.Completion.TrySetResult(action.ToInvocation());
        return ClientAck.Accepted;
    }

    private async Task<ClientAck> OnAskReplyAsync(AskReply reply, CancellationToken cancellationToken)
    {
        var ask = _pendingAsk;
        if (ask is null || ask.Id != reply.AskId)
        {
            return ClientAck.Refused(ErrorCodes.NotFound, "This question is no longer waiting for an answer.");
        }
        switch (ask.Kind)
        {
            case AskKind.Text:
                if (reply.Text is null || reply.Text.Length > _runtime.Options.Limits.MaxMessageChars)
                {
                    return ClientAck.Refused(ErrorCodes.BadRequest, "The answer needs text within the message size limit.");
                }
                return await AnswerTextAskAsync(ask, reply.Text, null, cancellationToken);
            case AskKind.Action:
                LiveAction? action;
                lock (_gate)
                {
                    _actions.TryGetValue(reply.ActionId ?? "", out action);
                }
                return action is not null && action.AskId == ask.Id
                    ? AnswerActionAsk(ask.Id, action)
                    : ClientAck.Refused(ErrorCodes.NotFound, "That is not one of the offered choices.");
            case AskKind.Files:
                return await AnswerFilesAskAsync(ask, reply.FileIds ?? [], cancellationToken);
            default:
                return ClientAck.Refused(ErrorCodes.BadRequest, "Unknown ask.");
        }
    }

    private async Task<ClientAck> AnswerFilesAskAsync(PendingAsk ask, IReadOnlyList<string> fileIds, CancellationToken cancellationToken)
    {
        var options = ask.Files ?? new AskFilesOptions();
        var maxFiles = Math.Min(options.MaxFiles, _runtime.Options.Limits.MaxFilesPerMessage);
        if (fileIds.Count == 0 || fileIds.Count > maxFiles)
        {
            return ClientAck.Refused(ErrorCodes.BadRequest, $"Send between 1 and {maxFiles} files.");
        }
        if (Interlocked.CompareExchange(ref _pendingAsk, null, ask) != ask)
        {
            return ClientAck.Refused(ErrorCodes.NotFound, "This question is no longer waiting for an answer.");
        }
        var (_, files) = await StoreUserMessageAsync("", fileIds, Ids.New(), cancellationToken);
        var refused = files.FirstOrDefault(f => f.Size > options.MaxSizeBytes || !options.Accepts(f.Mime, f.Name));
        if (files.Count != fileIds.Count || refused is not null)
        {
            // Put the ask back: the user can try again with other files.
            Interlocked.CompareExchange(ref _pendingAsk, ask, null);
            return ClientAck.Refused(ErrorCodes.BadRequest, refused is null
                ? "Some files were not found; upload them again."
                : $"'{refused.Name}' is not accepted here (type or size).");
        }
        Emit(new AskEnded(ask.Id, AskEndReason.Answered));
        ask.Completion.TrySetResult(files);
        return ClientAck.Accepted;
    }

    /// <summary>Calls a function the copilot host page registered and waits for its result.</summary>
    public async Task<JsonElement> CallHostFunctionAsync(string name, object? args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var callId = Ids.New();
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _hostCalls[callId] = completion;
        try
        {
            Emit(new HostFunctionCall(callId, name, JsonSerializer.SerializeToElement(args, JsonSerializerOptions.Web)));
            return await completion.Task.WaitAsync(timeout, _runtime.Time, cancellationToken);
        }
        finally
        {
            _hostCalls.TryRemove(callId, out _);
        }
    }

    private ClientAck OnHostFunctionResult(HostFunctionResult result)
    {
        if (!_hostCalls.TryRemove(result.CallId ?? "", out var completion))
        {
            return ClientAck.Refused(ErrorCodes.NotFound, "No host function call is waiting for this result.");
        }
        if (result.Error is { } error)
        {
            completion.TrySetException(new HostFunctionException(error));
        }
        else
        {
            completion.TrySetResult(result.Result ?? default);
        }
        return ClientAck.Accepted;
    }

    /// <summary>Cancels asks and host calls that wait (stop pressed, chat ending).</summary>
    private void CancelWaits()
    {
        if (_pendingAsk is { } ask)
        {
            EndAsk(ask, AskEndReason.Cancelled);
            ask.Completion.TrySetCanceled();
        }
        foreach (var call in _hostCalls.Values)
        {
            call.TrySetCanceled();
        }
    }

    public void SetSettings(IReadOnlyList<ChatSetting> widgets)
    {
        lock (_gate)
        {
            _settingsWidgets = widgets;
            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var widget in widgets)
            {
                if (_settingsValues.TryGetValue(widget.Id, out var current))
                {
                    values[widget.Id] = current;
                }
                else if (widget.ToDto().Initial is { } initial)
                {
                    values[widget.Id] = initial;
                }
            }
            _settingsValues = values;
        }
        Emit(SettingsSnapshot());
    }

    /// <summary>Takes the values of known widgets only; a client cannot add settings the app did not define.</summary>
    private ChatSettingsValues ApplySettings(IReadOnlyDictionary<string, JsonElement> values)
    {
        lock (_gate)
        {
            foreach (var widget in _settingsWidgets)
            {
                if (values.TryGetValue(widget.Id, out var value))
                {
                    _settingsValues[widget.Id] = value.Clone();
                }
            }
        }
        return Settings;
    }

    /// <summary>Stores the settings' values with the thread (once it exists), for a later resume.</summary>
    private async Task PersistSettingsAsync(CancellationToken cancellationToken)
    {
        if (!_threadPersisted)
        {
            return;
        }
        await _persistLock.WaitAsync(cancellationToken);
        try
        {
            var metadata = SettingsMetadata();
            await _runtime.Threads.SetMetadataAsync(ThreadId, metadata, cancellationToken);
            _threadMetadata = metadata;
        }
        finally
        {
            _persistLock.Release();
        }
    }

    /// <summary>The thread's metadata with the current settings' values in it.</summary>
    private string? SettingsMetadata()
    {
        lock (_gate)
        {
            return _settingsValues.Count == 0 && _threadMetadata is null ? null : ThreadSettings.Write(_threadMetadata, _settingsValues);
        }
    }

    private SettingsEvent SettingsSnapshot()
    {
        lock (_gate)
        {
            return new SettingsEvent([.. _settingsWidgets.Select(w => w.ToDto())], new Dictionary<string, JsonElement>(_settingsValues, StringComparer.Ordinal));
        }
    }

    private sealed class PendingAsk(string id, AskKind kind, string stepId, long timeoutMs, AskFilesOptions? files, IReadOnlyList<ActionDto>? actions)
    {
        public string Id { get; } = id;
        public AskKind Kind { get; } = kind;
        public AskFilesOptions? Files { get; } = files;
        public IReadOnlyList<ActionDto>? Actions { get; } = actions;
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public AskEvent ToEvent() => new(Id, Kind, stepId, timeoutMs, Files?.Accept, Files?.MaxSizeBytes, Files?.MaxFiles, Actions);
    }
}
