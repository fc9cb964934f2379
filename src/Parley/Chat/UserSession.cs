using System.Collections.Concurrent;

namespace Parley.Chat;

/// <summary>Per-chat key/value storage for the handler (Chainlit's <c>user_session</c>). In memory, for the life of the chat.</summary>
public sealed class UserSession
{
    private readonly ConcurrentDictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>Stores a value.</summary>
    public void Set<T>(string key, T value) => _values[key] = value;

    /// <summary>Reads a value, or <paramref name="fallback"/> when absent or of another type.</summary>
    public T? Get<T>(string key, T? fallback = default) => _values.TryGetValue(key, out var value) && value is T typed ? typed : fallback;

    /// <summary>Removes a value; false when there was none.</summary>
    public bool Remove(string key) => _values.TryRemove(key, out _);

    /// <summary>The stored keys.</summary>
    public IReadOnlyCollection<string> Keys => [.. _values.Keys];
}
