using System.Globalization;
using System.Runtime.InteropServices;

namespace Parley.LoadTest;

/// <summary>What the numbers were measured on, read from /proc and the runtime.</summary>
internal sealed record MachineInfo(string Cpu, int LogicalCores, double MemoryGiB, string Os, string Kernel, string Runtime, string LoadAverage, string FileLimit)
{
    public static MachineInfo Read()
    {
        var cpuinfo = TryRead("/proc/cpuinfo");
        var cpu = cpuinfo.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = TryRead("/proc/meminfo").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } mem
            ? long.Parse(mem["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)
            : 0;
        var os = TryRead("/etc/os-release").Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? RuntimeInformation.OSDescription;
        return new MachineInfo(
            cpu,
            Environment.ProcessorCount,
            memKb / 1024.0 / 1024.0,
            os,
            TryRead("/proc/sys/kernel/osrelease").Trim(),
            RuntimeInformation.FrameworkDescription,
            CurrentLoadAverage(),
            FileLimitText());
    }

    /// <summary>The 1-, 5- and 15-minute load averages: on a shared machine, how busy it was.</summary>
    public static string CurrentLoadAverage() => string.Join(" ", TryRead("/proc/loadavg").Split(' ').Take(3));

    private static string FileLimitText()
    {
        var line = TryRead("/proc/self/limits").Split('\n').FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var parts = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 1 } ? parts[0] : "?";
    }

    private static string TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
