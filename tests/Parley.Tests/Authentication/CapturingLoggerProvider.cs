using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Parley.Tests.Authentication;

/// <summary>Keeps every log entry, message, state values and exception text, so tests can search them.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    /// <summary>Everything that was written anywhere in one entry: message, structured values and exception.</summary>
    internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, string AllText);

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            entries.Enqueue(new LogEntry(category, logLevel, eventId, message, $"{message} {values} {exception}"));
        }
    }
}
