using Parley.E2E.Host;

// The browser tests' host, runnable by hand: dotnet run --project tests/Parley.E2E.Host -- [port]
var port = args.Length > 0 && int.TryParse(args[0], out var requested) ? requested : 5080;
await using var host = await E2EHost.StartAsync(new E2EHostSettings { Port = port, HostSitePort = port + 1, Verbose = true });
Console.WriteLine($"Parley e2e apps at {host.BaseAddress} ({string.Join(", ", E2EHost.AppPaths)}); data in {host.DataDirectory}");
Console.WriteLine($"Copilot on another origin: {host.HostSiteAddress}");
await host.WaitForShutdownAsync();
