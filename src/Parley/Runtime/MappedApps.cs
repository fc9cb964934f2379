namespace Parley.Runtime;

/// <summary>The apps mapped in this host; two MapParley calls at one path are a mistake worth stopping on.</summary>
internal sealed class MappedApps
{
    private readonly Dictionary<string, ParleyApp> _apps = new(StringComparer.OrdinalIgnoreCase);

    public void Add(ParleyApp app)
    {
        lock (_apps)
        {
            if (!_apps.TryAdd(app.Key, app))
            {
                throw new InvalidOperationException($"A Parley app is already mapped at '{app.Key}'. Map each app at its own path.");
            }
        }
    }

    public IReadOnlyList<ParleyApp> All
    {
        get
        {
            lock (_apps)
            {
                return [.. _apps.Values];
            }
        }
    }
}
