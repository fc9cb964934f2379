using Parley.Tests.Infrastructure;

namespace Parley.Tests.Authentication.Modes;

/// <summary>Runs a sample app (built with the tests) as a process of its own on 127.0.0.1.</summary>
internal static class SampleApps
{
    public static string Dll(string name)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(AppProcess.RepositoryRoot, "samples", name, "bin", configuration, "net10.0", name + ".dll");
    }

    /// <summary>Starts the sample with a new data folder, configured by <paramref name="environment"/> as an operator would.</summary>
    public static async Task<(AppProcess App, string DataDirectory)> StartAsync(string name, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var dll = Dll(name);
        var app = await AppProcess.StartAsync("dotnet", [dll], Path.GetDirectoryName(dll)!, dataDirectory, TimeSpan.FromSeconds(60), environment);
        return (app, dataDirectory);
    }
}
