namespace Parley.E2E.Infrastructure;

/// <summary>The repository the tests run from (the folder with Parley.slnx).</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("Parley.slnx not found above " + AppContext.BaseDirectory);
        }
    }
}
