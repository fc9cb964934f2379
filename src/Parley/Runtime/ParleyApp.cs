using Parley.Chat;

namespace Parley.Runtime;

/// <summary>One mapped chat app: its route and how to create its handler. Endpoint metadata of everything MapParley maps.</summary>
internal sealed class ParleyApp(string key, string pattern, Func<IServiceProvider, ChatHandler> createHandler)
{
    /// <summary>The app's key in the database ("/" or "/support").</summary>
    public string Key { get; } = key;

    /// <summary>The route prefix without a trailing slash ("" or "/support").</summary>
    public string Pattern { get; } = pattern;

    /// <summary>Creates the handler of one chat session.</summary>
    public ChatHandler CreateHandler(IServiceProvider services) => createHandler(services);

    /// <summary>Normalizes a MapParley pattern: "/" → ("/", ""), "support/" → ("/support", "/support").</summary>
    public static (string Key, string Pattern) Normalize(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var trimmed = pattern.Trim().Trim('/');
        if (trimmed.Contains('{') || trimmed.Contains('*'))
        {
            throw new ArgumentException($"MapParley takes a literal path such as \"/\" or \"/support\", not a route template ('{pattern}').", nameof(pattern));
        }
        return trimmed.Length == 0 ? ("/", "") : ("/" + trimmed, "/" + trimmed);
    }
}
