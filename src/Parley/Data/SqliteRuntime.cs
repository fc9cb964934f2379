namespace Parley.Data;

/// <summary>Loads the bundled native SQLite library once per process.</summary>
internal static class SqliteRuntime
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    /// <summary>Initializes SQLitePCL (idempotent and thread-safe).</summary>
    public static void EnsureInitialized() => _ = Initialized.Value;
}
