using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Parley.Tests.Fixtures;

[assembly: AssemblyFixture(typeof(PostgresFixture))]

namespace Parley.Tests.Fixtures;

/// <summary>
/// A real PostgreSQL server for the test run, started from the Debian binaries on the first
/// <see cref="CreateDatabaseAsync"/> (a run that needs no PostgreSQL starts none) and stopped at
/// the end. Each caller gets a fresh database. Take it in a test class constructor:
/// <code>public sealed class MyTests(PostgresFixture postgres) : IAsyncLifetime { ... await postgres.CreateDatabaseAsync(ct) ... }</code>
/// Without the binaries the tests are skipped, except on CI (CI=true), where they fail.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    // Started once, by the first test that needs it; a failure (or skip) is kept, so every
    // later test reports it at once instead of trying to start the server again.
    private readonly Lazy<Task<Server>> _server = new(() => StartAsync(CancellationToken.None));
    private int _databases;

    /// <inheritdoc />
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Creates an empty database (starting the server first if needed) and returns its
    /// connection string.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var server = await _server.Value.WaitAsync(cancellationToken);
        var name = $"parley_test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"PostgreSQL {server.Version} on 127.0.0.1:{server.Port}, database {name}");
        return server.ConnectionString(name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server.IsValueCreated && _server.Value.IsCompletedSuccessfully)
        {
            var server = _server.Value.Result;
            try
            {
                await RunAsync(server.Tools, ["pg_ctl", "-D", server.DataFolder, "stop", "-m", "immediate", "-w"], CancellationToken.None);
            }
            finally
            {
                Directory.Delete(server.Root, recursive: true);
            }
        }
    }

    private static async Task<Server> StartAsync(CancellationToken cancellationToken)
    {
        var tools = PostgresTools.Find();
        if (tools is null)
        {
            const string message = "PostgreSQL binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin "
                + "(or PARLEY_PG_BIN). Run scripts/install-prereqs.sh.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException(message + " CI must run the PostgreSQL tests.");
            }
            Assert.Skip(message);
        }

        var root = Directory.CreateTempSubdirectory("parley-pg-").FullName;
        try
        {
            var data = Path.Combine(root, "data");
            var sockets = Directory.CreateDirectory(Path.Combine(root, "sock")).FullName;
            if (tools.RunAsPostgres)
            {
                // PostgreSQL refuses to run as root: the server runs as the postgres user and
                // must own its folders.
                await RunAsync(null, ["chown", "-R", "postgres:postgres", root], cancellationToken);
            }
            await RunAsync(tools, ["initdb", "-A", "trust", "-U", "postgres", "-D", data, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"], cancellationToken);

            // A free port can be taken by someone else before the server binds it: retry.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                try
                {
                    await RunAsync(tools, [
                        "pg_ctl", "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
                        "-o", $"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                        "start",
                    ], cancellationToken);
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    continue;
                }
                var server = new Server(tools, root, data, port, await VersionAsync(port, cancellationToken));
                Console.WriteLine($"PostgresFixture: started PostgreSQL {server.Version} on 127.0.0.1:{port} ({data})");
                return server;
            }
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    private static async Task<string> VersionAsync(int port, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        return connection.PostgreSqlVersion.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(PostgresTools? tools, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var program = tools is null ? command[0] : Path.Combine(tools.BinFolder, command[0]);
        if (tools is { RunAsPostgres: true })
        {
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
        }
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(' ', command)} exited with {process.ExitCode}: {await Collected(output)}{await Collected(error)}");
        }
    }

    // A child that outlives the command (the server) could hold the pipes open: wait briefly.
    private static async Task<string> Collected(Task<string> read) =>
        await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)) == read && read.IsCompletedSuccessfully
            ? read.Result
            : "";

    private sealed record Server(PostgresTools Tools, string Root, string DataFolder, int Port, string Version)
    {
        public string ConnectionString(string database) =>
            $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=true";
    }

    private sealed record PostgresTools(string BinFolder, bool RunAsPostgres)
    {
        public static PostgresTools? Find()
        {
            var bin = Environment.GetEnvironmentVariable("PARLEY_PG_BIN") is { Length: > 0 } configured
                ? configured
                : Directory.Exists("/usr/lib/postgresql")
                    ? Directory.GetDirectories("/usr/lib/postgresql")
                        .Select(folder => Path.Combine(folder, "bin"))
                        .Where(folder => File.Exists(Path.Combine(folder, "initdb")))
                        .OrderByDescending(folder => int.TryParse(Path.GetFileName(Path.GetDirectoryName(folder)), out var major) ? major : 0)
                        .FirstOrDefault()
                    : null;
            if (bin is null || !File.Exists(Path.Combine(bin, "initdb")) || !File.Exists(Path.Combine(bin, "pg_ctl")))
            {
                return null;
            }
            return new PostgresTools(bin, Environment.IsPrivilegedProcess);
        }
    }
}
