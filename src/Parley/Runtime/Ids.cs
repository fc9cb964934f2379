namespace Parley.Runtime;

/// <summary>Server-generated ids: time-ordered, unguessable enough for ids, never taken from clients.</summary>
internal static class Ids
{
    public static string New() => Guid.CreateVersion7().ToString("N");
}
