using System.Text.Json;
using Microsoft.AspNetCore.StaticFiles;
using Parley.Chat;
using Parley.Data;
using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>What handlers do to the thread: steps, streamed text, elements and actions.</summary>
internal sealed partial class ChatSession
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public async Task<StepState> CreateStepAsync(string type, string name, string? parentId, string? input, string output, bool streaming, string? language, CancellationToken cancellationToken)
    {
        if (parentId is not null && !HasStep(parentId))
        {
            throw new InvalidOperationException($"The parent step '{parentId}' is not part of this chat.");
        }
        var state = new StepState
        {
            Id = Ids.New(),
            ThreadId = ThreadId,
            ParentId = parentId,
            Type = type,
            Name = name,
            Input = input,
            Streaming = streaming,
            Language = language,
            CreatedAt = Now,
            Sequence = Interlocked.Increment(ref _sequence),
        };
        if (!streaming && StepTypes.IsMessage(type))
        {
            state.EndedAt = state.CreatedAt;
        }
        state.AppendOutput(output);
        lock (_gate)
        {
            _steps.Add(state);
            _stepsById[state.Id] = state;
        }
        if (_threadPersisted)
        {
            await _runtime.Steps.UpsertAsync(state.ToRecord(), cancellationToken);
        }
        Emit(new StepEvent(state.ToDto()));
        return state;
    }

    public bool HasStep(string stepId)
    {
        lock (_gate)
        {
            return _stepsById.ContainsKey(stepId);
        }
    }

    /// <summary>Appends streamed text: in the mirror now, on disk and on the wire with the next flush.</summary>
    public void AppendToken(StepState step, string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        lock (_gate)
        {
            if (!_stepsById.ContainsKey(step.Id))
            {
                throw new InvalidOperationException("The step was removed; nothing can be streamed into it.");
            }
            step.AppendOutput(text);
            step.HasQueuedTokens = true;
            Outbox.EnqueueToken(step.Id, text);
        }
        _runtime.Flusher.MarkDirty(this, urgent: false);
    }

    /// <summary>Writes a step whole after a change. Queued tokens go to disk first, so they cannot land after (and double) the full text.</summary>
    public async Task SaveStepAsync(StepState step, CancellationToken cancellationToken)
    {
        StepDto dto;
        StepRecord record;
        bool mustFlush;
        lock (_gate)
        {
            if (!_stepsById.ContainsKey(step.Id))
            {
                throw new InvalidOperationException("The step was removed.");
            }
            mustFlush = step.HasQueuedTokens;
            step.HasQueuedTokens = false;
            dto = step.ToDto();
            record = step.ToRecord();
        }
        if (mustFlush)
        {
            await _runtime.Flusher.FlushAsync(cancellationToken);
        }
        if (_threadPersisted)
        {
            await _runtime.Steps.UpsertAsync(record, cancellationToken);
        }
        Emit(new StepEvent(dto));
    }

    public async Task RemoveStepAsync(StepState step, CancellationToken cancellationToken)
    {
        List<string> removed = [];
        bool mustFlush;
        lock (_gate)
        {
            if (!_stepsById.ContainsKey(step.Id))
            {
                return;
            }
            mustFlush = step.HasQueuedTokens;
            CollectSubtree(step.Id, removed);
            foreach (var id in removed)
            {
                _steps.Remove(_stepsById[id]);
                _stepsById.Remove(id);
            }
            _elements.RemoveAll(e => e.StepId is { } s && removed.Contains(s));
            foreach (var action in _actions.Values.Where(a => a.StepId is { } s && removed.Contains(s)).ToList())
            {
                _actions.Remove(action.Id);
            }
        }
        if (mustFlush)
        {
            await _runtime.Flusher.FlushAsync(cancellationToken);
        }
        if (_threadPersisted)
        {
            await _runtime.Steps.DeleteAsync(step.Id, cancellationToken);
        }
        Emit(new StepDeleted(step.Id));
    }

    private void CollectSubtree(string stepId, List<string> into)
    {
        into.Add(stepId);
        foreach (var child in _steps.Where(s => s.ParentId == stepId).ToList())
        {
            CollectSubtree(child.Id, into);
        }
    }

    /// <summary>Stores an element's content (copying bytes and server files into the file store) and attaches it.</summary>
    public async Task<ElementDto> AttachElementAsync(string? stepId, Element element, CancellationToken cancellationToken)
    {
        if (stepId is not null && !HasStep(stepId))
        {
            throw new InvalidOperationException("The step was removed.");
        }
        string? key = null;
        long? size = null;
        if (element.Bytes is { } bytes)
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            (key, size) = await _runtime.Files.SaveAsync(stream, long.MaxValue, cancellationToken);
        }
        else if (element.FilePath is { } path)
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            (key, size) = await _runtime.Files.SaveAsync(stream, long.MaxValue, cancellationToken);
        }

        var record = new ElementRecord
        {
            Id = Ids.New(),
            UserId = User.Id,
            ThreadId = ThreadId,
            StepId = stepId,
            Type = element.Type,
            Name = element.Name,
            Mime = element.Mime ?? GuessMime(element),
            Size = size,
            Display = element.Display.ToString().ToLowerInvariant(),
            StorageKey = key,
            Url = element.Url?.AbsoluteUri,
            Props = element.Props is { } props ? JsonSerializer.Serialize(props, JsonSerializerOptions.Web) : null,
            CreatedAt = Now,
        };
        lock (_gate)
        {
            _elements.Add(record);
        }
        if (_threadPersisted)
        {
            await _runtime.Elements.CreateAsync(record, cancellationToken);
        }
        var dto = ElementMapping.ToDto(record, Links);
        Emit(new ElementEvent(dto));
        return dto;
    }

    private static string? GuessMime(Element element)
    {
        if (element.Type == ElementTypes.Custom)
        {
            return null;
        }
        var name = element.Url?.AbsolutePath ?? element.Name;
        return ContentTypes.TryGetContentType(name, out var mime) ? mime : "application/octet-stream";
    }

    public IReadOnlyList<ActionDto> AddActions(string? stepId, IEnumerable<ChatAction> actions, string? askId = null)
    {
        List<ActionDto> added = [];
        lock (_gate)
        {
            foreach (var action in actions)
            {
                ArgumentException.ThrowIfNullOrEmpty(action.Name);
                var payload = action.Payload is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(action.Payload, JsonSerializerOptions.Web);
                var live = new LiveAction(Ids.New(), action, payload, stepId, askId);
                _actions[live.Id] = live;
                added.Add(live.ToDto());
            }
        }
        if (added.Count > 0)
        {
            Emit(new ActionsEvent(added));
        }
        return added;
    }

    public bool RemoveAction(string actionId)
    {
        bool removed;
        lock (_gate)
        {
            removed = _actions.Remove(actionId);
        }
        if (removed)
        {
            Emit(new ActionRemoved(actionId));
        }
        return removed;
    }

    /// <summary>Attaches uploads of this user to the thread (and a step), as files the handler can read.</summary>
    private async Task<IReadOnlyList<ChatFile>> AttachUploadsAsync(IReadOnlyList<string> fileIds, string? stepId, CancellationToken cancellationToken)
    {
        if (fileIds.Count == 0)
        {
            return [];
        }
        var attached = await _runtime.Elements.AttachUploadsAsync(fileIds, User.Id, ThreadId, stepId, cancellationToken);
        lock (_gate)
        {
            _elements.AddRange(attached);
        }
        foreach (var element in attached)
        {
            Emit(new ElementEvent(ElementMapping.ToDto(element, Links)));
        }
        return [.. attached.Select(e => new ChatFile(e.Id, e.Name, e.Mime ?? "application/octet-stream", e.Size ?? 0, e.Type, e.StorageKey, _runtime.Files))];
    }
}
