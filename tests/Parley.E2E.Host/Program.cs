using Parley.E2E.Host;
using Parley.E2E.Host.Accounts;

// The browser tests' hosts, runnable by hand: dotnet run --project tests/Parley.E2E.Host -- [port]
// (apps on port, the shop on port + 1, built-in accounts on port + 2)
var port = args.Length > 0 && int.TryParse(args[0], out var requested) ? requested : 5080;
await using var host = await E2EHost.StartAsync(new E2EHostSettings { Port = port, HostSitePort = port + 1, Verbose = true });
Console.WriteLine($"Parley e2e apps at {host.BaseAddress} ({string.Join(", ", E2EHost.AppPaths)}); data in {host.DataDirectory}");
Console.WriteLine($"Copilot on another origin: {host.HostSiteAddress}");
await using var accounts = await AccountsHost.StartAsync(new() { Port = port + 2, Verbose = true });
Console.WriteLine($"Built-in accounts (open registration; {Parley.E2E.Host.Accounts.AccountsHost.AdminUsername} / {Parley.E2E.Host.Accounts.AccountsHost.AdminPassword}): {accounts.AppUri}");
await host.WaitForShutdownAsync();
