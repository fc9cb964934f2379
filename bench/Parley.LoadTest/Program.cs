using System.Diagnostics;
using System.Text.Json;
using Parley.LoadTest;

// See BenchOptions.Usage, bench/README.md and bench/run.sh.
try
{
    if (args is ["splice", .. var rest])
    {
        string? doc = null, section = null, from = null;
        for (var i = 0; i + 1 < rest.Length; i += 2)
        {
            switch (rest[i])
            {
                case "--doc": doc = rest[i + 1]; break;
                case "--section": section = rest[i + 1]; break;
                case "--from": from = rest[i + 1]; break;
                default: throw new ArgumentException($"Unknown option {rest[i]}.");
            }
        }
        if (doc is null || section is null || from is null)
        {
            throw new ArgumentException("splice needs --doc, --section and --from.");
        }
        DocSplice.Apply(Path.GetFullPath(doc), section, File.ReadAllText(from));
        return 0;
    }
    if (args is ["micro-report", .. var microArgs])
    {
        string? doc = null, results = null, command = "bench/run-micro.sh", job = "short";
        var seconds = 0.0;
        for (var i = 0; i + 1 < microArgs.Length; i += 2)
        {
            switch (microArgs[i])
            {
                case "--doc": doc = microArgs[i + 1]; break;
                case "--results": results = microArgs[i + 1]; break;
                case "--command": command = microArgs[i + 1]; break;
                case "--job": job = microArgs[i + 1]; break;
                case "--seconds": seconds = double.Parse(microArgs[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {microArgs[i]}.");
            }
        }
        if (doc is null || results is null)
        {
            throw new ArgumentException("micro-report needs --doc and --results.");
        }
        DocSplice.Apply(Path.GetFullPath(doc), "micro", MicroReport.Write(results, command, job, TimeSpan.FromSeconds(seconds)));
        Console.WriteLine($"Wrote {doc}.");
        return 0;
    }
    if (args is ["--help" or "-h" or "help", ..])
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }
    var options = BenchOptions.Parse(args is ["run", .. var runArgs] ? runArgs : args);
    return await RunAsync(options);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

static async Task<int> RunAsync(BenchOptions options)
{
    var machine = MachineInfo.Read();
    var started = DateTimeOffset.UtcNow;
    var watch = Stopwatch.StartNew();
    var log = Console.Out;
    log.WriteLine($"Parley.LoadTest{(options.Quick ? " (quick)" : "")}: {machine.Cpu}, {machine.LogicalCores} cores, load {machine.LoadAverage}, open files limit {machine.FileLimit}");
    var scenarios = new Scenarios(options, log);
    var results = new List<RunResult>();

    if (options.Scenarios.Contains("w1"))
    {
        foreach (var n in options.Sessions)
        {
            log.WriteLine($"W1 N={n} M={options.Messages} K={options.Tokens}");
            foreach (var kind in new[] { ServerKind.Baseline, ServerKind.Parley })
            {
                results.Add(await scenarios.StreamAsync("w1", kind, n, options.Messages, options.Tokens, options.TimeLimit));
            }
        }
    }
    if (options.Scenarios.Contains("idle"))
    {
        foreach (var n in options.IdleSessions)
        {
            log.WriteLine($"idle N={n}");
            foreach (var kind in new[] { ServerKind.Baseline, ServerKind.Parley })
            {
                results.Add(await scenarios.IdleAsync(kind, n, options.TimeLimit * 2));
            }
        }
    }
    if (options.Scenarios.Contains("long"))
    {
        log.WriteLine($"long stream K={options.LongTokens}");
        foreach (var kind in new[] { ServerKind.Baseline, ServerKind.Parley })
        {
            results.Add(await scenarios.StreamAsync("long", kind, 1, 1, options.LongTokens, options.TimeLimit));
        }
    }

    var took = watch.Elapsed;
    log.WriteLine($"Done in {took.TotalSeconds:F0} s.");
    var markdown = Report.Write(options, machine, MachineInfo.CurrentLoadAverage(), started, took, results);
    if (options.Doc is { } doc)
    {
        DocSplice.Apply(doc, "load", markdown);
        log.WriteLine($"Wrote {doc}.");
    }
    else
    {
        log.WriteLine();
        log.WriteLine(markdown);
    }
    if (options.Json is { } json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(json)!);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { machine, started, took = took.TotalSeconds, results }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
    }
    // Failures are in the report; the exit code says whether anything failed at all.
    return results.Any(r => r.Errors.Total > 0 || r.TimedOut) ? 1 : 0;
}
