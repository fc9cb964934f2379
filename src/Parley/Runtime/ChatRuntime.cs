using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Data;
using Parley.Files;
using Parley.Hosting;

namespace Parley.Runtime;

/// <summary>The services every chat session uses, gathered so sessions take one dependency.</summary>
internal sealed class ChatRuntime(
    IThreadStore threads,
    IStepStore steps,
    IElementStore elements,
    IFeedbackStore feedback,
    IFileStore files,
    StreamFlusher flusher,
    IServiceProvider services,
    IOptions<ParleyOptions> options,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public IThreadStore Threads { get; } = threads;
    public IStepStore Steps { get; } = steps;
    public IElementStore Elements { get; } = elements;
    public IFeedbackStore Feedback { get; } = feedback;
    public IFileStore Files { get; } = files;
    public StreamFlusher Flusher { get; } = flusher;
    public IServiceProvider Services { get; } = services;
    public ParleyOptions Options => options.Value;
    public TimeProvider Time { get; } = time;
    public ILogger SessionLogger { get; } = loggers.CreateLogger("Parley.Chat.Session");
}
