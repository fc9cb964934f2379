using Parley.Chat;
using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>Regenerating the last reply and editing a user message: the thread is cut after a user message, which runs again.</summary>
internal sealed partial class ChatSession
{
    private const string BusyMessage = "Please wait for the current reply to finish, or press stop.";

    private async Task<ClientAck> OnRegenerateAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return ClientAck.Refused(ErrorCodes.Busy, BusyMessage);
        }
        StepState? last;
        lock (_gate)
        {
            last = _steps.LastOrDefault(s => s.ParentId is null && s.Type == StepTypes.UserMessage && !s.IsError);
        }
        if (last is null)
        {
            return ClientAck.Refused(ErrorCodes.NotFound, "There is no message to answer again.");
        }
        return await RerunAsync(last, "regenerate", cancellationToken);
    }

    private async Task<ClientAck> OnEditMessageAsync(EditUserMessage m, CancellationToken cancellationToken)
    {
        var limits = _runtime.Options.Limits;
        if (m.Content is null || m.Content.Length > limits.MaxMessageChars)
        {
            return ClientAck.Refused(ErrorCodes.TooLarge, $"Messages are limited to {limits.MaxMessageChars} characters.");
        }
        StepState? step;
        bool hasFiles;
        lock (_gate)
        {
            // Only this chat's mirror is searched, so a step id from another thread is simply not found.
            step = _stepsById.GetValueOrDefault(m.StepId ?? "");
            hasFiles = step is not null && _elements.Any(e => e.StepId == step.Id && e.StorageKey is not null);
        }
        if (step is null || step.Type != StepTypes.UserMessage || step.IsError)
        {
            return ClientAck.Refused(ErrorCodes.NotFound, "This message cannot be edited.");
        }
        if (m.Content.Trim().Length == 0 && !hasFiles)
        {
            return ClientAck.Refused(ErrorCodes.BadRequest, "The message is empty.");
        }
        if (IsRunning)
        {
            return ClientAck.Refused(ErrorCodes.Busy, BusyMessage);
        }
        step.SetOutput(m.Content);
        await SaveStepAsync(step, cancellationToken);
        return await RerunAsync(step, "edit", cancellationToken);
    }

    /// <summary>Deletes every step after <paramref name="userStep"/> (in the mirror, on disk and in the client) and runs the message handler on it.</summary>
    private async Task<ClientAck> RerunAsync(StepState userStep, string hookName, CancellationToken cancellationToken)
    {
        List<StepState> removed;
        List<ChatFile> files;
        lock (_gate)
        {
            removed = [.. _steps.Where(s => s.Sequence > userStep.Sequence)];
            var ids = removed.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var step in removed)
            {
                _steps.Remove(step);
                _stepsById.Remove(step.Id);
            }
            _elements.RemoveAll(e => e.StepId is { } s && ids.Contains(s));
            foreach (var action in _actions.Values.Where(a => a.StepId is { } s && ids.Contains(s)).ToList())
            {
                _actions.Remove(action.Id);
            }
            files = [.. _elements
                .Where(e => e.StepId == userStep.Id && e.StorageKey is not null)
                .Select(e => new ChatFile(e.Id, e.Name, e.Mime ?? "application/octet-stream", e.Size ?? 0, e.Type, e.StorageKey, _runtime.Files))];
        }
        if (removed.Count > 0)
        {
            // Tokens still queued for the removed steps must reach the database before the rows go.
            await _runtime.Flusher.FlushAsync(cancellationToken);
            if (_threadPersisted)
            {
                await _runtime.Steps.DeleteAfterAsync(ThreadId, userStep.Sequence, cancellationToken);
            }
            foreach (var step in removed)
            {
                Emit(new StepDeleted(step.Id));
            }
        }
        await TouchThreadAsync(cancellationToken);
        var message = new UserMessage(userStep.Id, userStep.OutputText, files, userStep.CreatedAt)
        {
            Run = hookName == "edit" ? MessageRun.Edit : MessageRun.Regenerate,
        };
        return TryStartRun(hookName, ct => Handler.OnMessageAsync(message, Context, ct))
            ? ClientAck.Accepted
            : ClientAck.Refused(ErrorCodes.Busy, BusyMessage);
    }
}
