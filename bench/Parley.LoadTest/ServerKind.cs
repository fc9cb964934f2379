namespace Parley.LoadTest;

/// <summary>Which server a run measured.</summary>
internal enum ServerKind
{
    Baseline,
    Parley,
}
