using System.Text;
using Parley.Data;
using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>The live, in-memory state of one step of a chat session (the mirror the snapshot on re-attach is built from).</summary>
internal sealed class StepState
{
    public required string Id { get; init; }
    public required string ThreadId { get; init; }
    public string? ParentId { get; init; }
    public required string Type { get; init; }
    public required string Name { get; set; }
    public string? Input { get; set; }
    private readonly StringBuilder _output = new();

    /// <summary>The output so far (a copy; the builder is guarded because handlers may stream from several tasks).</summary>
    public string OutputText
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void AppendOutput(string text)
    {
        lock (_output)
        {
            _output.Append(text);
        }
    }

    public void SetOutput(string text)
    {
        lock (_output)
        {
            _output.Clear().Append(text);
        }
    }
    public bool Streaming { get; set; }
    public bool IsError { get; set; }
    public string? Language { get; set; }
    public string? Metadata { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? EndedAt { get; set; }
    public long Sequence { get; init; }
    public FeedbackDto? Feedback { get; set; }

    /// <summary>Tokens were queued since the step was last written whole, so a write must wait for the flusher.</summary>
    public bool HasQueuedTokens { get; set; }

    public StepRecord ToRecord() => new()
    {
        Id = Id,
        ThreadId = ThreadId,
        ParentId = ParentId,
        Type = Type,
        Name = Name,
        Input = Input,
        Output = OutputText,
        Streaming = Streaming,
        IsError = IsError,
        Language = Language,
        Metadata = Metadata,
        CreatedAt = CreatedAt,
        EndedAt = EndedAt,
        Sequence = Sequence,
    };

    public StepDto ToDto() => new(Id, ThreadId, ParentId, Type, Name, Input, OutputText, Streaming, IsError, Language, CreatedAt, EndedAt, Feedback);

    public static StepState FromRecord(StepRecord record, FeedbackDto? feedback)
    {
        var state = new StepState
        {
            Id = record.Id,
            ThreadId = record.ThreadId,
            ParentId = record.ParentId,
            Type = record.Type,
            Name = record.Name,
            Input = record.Input,
            // A step still marked streaming in the database was cut off by a crash or restart.
            Streaming = false,
            IsError = record.IsError,
            Language = record.Language,
            Metadata = record.Metadata,
            CreatedAt = record.CreatedAt,
            EndedAt = record.EndedAt,
            Sequence = record.Sequence,
            Feedback = feedback,
        };
        state.AppendOutput(record.Output);
        return state;
    }
}
