using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Parley.LoadTest;

/// <summary>
/// Runs the scenarios against a fresh server process each, so every peak RSS and CPU figure
/// belongs to one scenario. Every phase is bounded by a count and a time limit.
/// </summary>
internal sealed class Scenarios(BenchOptions options, TextWriter log)
{
    private const int ConnectParallelism = 32;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(10);

    /// <summary>N sessions connect, then each sends M messages one after the other, each answered with K tokens.</summary>
    public async Task<RunResult> StreamAsync(string scenario, ServerKind kind, int sessions, int messages, int tokens, TimeSpan limit)
    {
        var result = new RunResult { Scenario = scenario, Server = kind, Sessions = sessions, MessagesPerSession = messages, TokensPerReply = tokens };
        await using var server = await StartServerAsync(kind);
        using var transport = new Transport(server.BaseAddress);
        using var stop = new CancellationTokenSource();
        var clients = new ConcurrentBag<SessionClient>();
        var keepAlive = KeepAliveAsync(clients, stop.Token);
        try
        {
            await WarmUpAsync(kind, transport, Math.Min(tokens, 1000));

            var connectWatch = Stopwatch.StartNew();
            await ConnectAsync(kind, transport, sessions, limit, clients, result.Errors);
            result.ConnectSeconds = connectWatch.Elapsed.TotalSeconds;
            result.Connected = clients.Count;

            var ttft = new ConcurrentBag<double>();
            var ttlt = new ConcurrentBag<double>();
            long tokensReceived = 0;
            int ok = 0, failed = 0;
            using var deadline = new CancellationTokenSource(limit);
            var frames = clients.Sum(c => c.Frames);
            var serverCpu = server.CpuSeconds();
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select(client => Task.Run(async () =>
            {
                for (var i = 0; i < messages && !deadline.IsCancellationRequested; i++)
                {
                    var outcome = await client.SendMessageAsync(tokens, deadline.Token);
                    if (outcome.Ok)
                    {
                        Interlocked.Increment(ref ok);
                        Interlocked.Add(ref tokensReceived, outcome.Tokens);
                        ttft.Add(outcome.TtftMs);
                        ttlt.Add(outcome.TtltMs);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                        result.Errors.Add(outcome.Error ?? "unknown");
                        if (!client.IsOpen)
                        {
                            break;
                        }
                    }
                }
            })));
            result.WallSeconds = watch.Elapsed.TotalSeconds;
            result.Frames = clients.Sum(c => c.Frames) - frames;
            result.TimedOut = deadline.IsCancellationRequested;
            result.ServerCpuSeconds = server.CpuSeconds() - serverCpu;
            result.ClientCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds;
            result.ServerPeakRssBytes = server.PeakRssBytes();
            result.MessagesOk = ok;
            result.MessagesFailed = failed + (sessions - result.Connected) * messages;
            result.Tokens = tokensReceived;
            result.Ttft = Percentiles.Of(ttft);
            result.Ttlt = Percentiles.Of(ttlt);
            result.ServerWarnings = server.Warnings;
        }
        finally
        {
            await stop.CancelAsync();
            await keepAlive;
            await DisposeAllAsync(clients);
        }
        log.WriteLine($"  {Describe(result)}");
        return result;
    }

    /// <summary>N sessions connect and start a chat, then send nothing: memory per session.</summary>
    public async Task<RunResult> IdleAsync(ServerKind kind, int sessions, TimeSpan limit)
    {
        var result = new RunResult { Scenario = "idle", Server = kind, Sessions = sessions };
        await using var server = await StartServerAsync(kind);
        using var transport = new Transport(server.BaseAddress);
        using var stop = new CancellationTokenSource();
        var clients = new ConcurrentBag<SessionClient>();
        var keepAlive = KeepAliveAsync(clients, stop.Token);
        try
        {
            await WarmUpAsync(kind, transport, 100);
            result.HeapBeforeBytes = await CollectGarbageAsync(transport);
            result.RssBeforeBytes = server.RssBytes();

            var serverCpu = server.CpuSeconds();
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await ConnectAsync(kind, transport, sessions, limit, clients, result.Errors);
            result.ConnectSeconds = watch.Elapsed.TotalSeconds;
            result.TimedOut = clients.Count < sessions && watch.Elapsed >= limit;
            result.ServerConnectCpuSeconds = server.CpuSeconds() - serverCpu;
            result.ClientCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds;
            result.Connected = clients.Count;

            // Idle: nothing but keep-alives for a moment, then what the sessions hold.
            var idleCpu = server.CpuSeconds();
            await Task.Delay(options.IdleHold);
            result.ServerCpuSeconds = server.CpuSeconds() - idleCpu;
            result.HeapAfterBytes = await CollectGarbageAsync(transport);
            result.RssAfterBytes = server.RssBytes();
            result.StillOpen = clients.Count(c => c.IsOpen);
            result.ServerPeakRssBytes = server.PeakRssBytes();
            result.ServerWarnings = server.Warnings;
            foreach (var client in clients.Where(c => !c.IsOpen))
            {
                result.Errors.Add("dropped while idle: " + (client.Failure ?? "closed"));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await keepAlive;
            await DisposeAllAsync(clients);
        }
        log.WriteLine($"  {Describe(result)}");
        return result;
    }

    private async Task<ServerProcess> StartServerAsync(ServerKind kind)
    {
        var settings = new Dictionary<string, string>();
        string? data = null;
        if (kind == ServerKind.Parley)
        {
            data = Path.Combine(Path.GetTempPath(), "parley-bench-" + Guid.NewGuid().ToString("N"));
            settings["Bench__DataDirectory"] = data;
            if (options.FlushIntervalMs is { } flush)
            {
                settings["Bench__FlushIntervalMs"] = flush.ToString(CultureInfo.InvariantCulture);
            }
        }
        var dll = kind == ServerKind.Parley ? options.ParleyServerDll : options.BaselineServerDll;
        var server = await ServerProcess.StartAsync(dll, settings, data, TimeSpan.FromSeconds(60));
        // For attaching a profiler (perf record -p PID; the environment, DOTNET_PerfMapEnabled included, is inherited).
        log.WriteLine($"  {kind} server: pid {server.Pid}, {server.BaseAddress}");
        return server;
    }

    /// <summary>A few sessions and messages first, so JIT and first-use costs stay out of the numbers.</summary>
    private static async Task WarmUpAsync(ServerKind kind, Transport transport, int tokens)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clients = new ConcurrentBag<SessionClient>();
        var errors = new ErrorTally();
        try
        {
            await ConnectAsync(kind, transport, 8, TimeSpan.FromSeconds(30), clients, errors);
            await Task.WhenAll(clients.Select(async c =>
            {
                for (var i = 0; i < 3; i++)
                {
                    var outcome = await c.SendMessageAsync(tokens, deadline.Token);
                    if (!outcome.Ok)
                    {
                        errors.Add(outcome.Error ?? "unknown");
                    }
                }
            }));
            if (errors.Total > 0)
            {
                throw new InvalidOperationException($"The {kind} server failed its warm-up: {errors}");
            }
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    private static async Task ConnectAsync(ServerKind kind, Transport transport, int sessions, TimeSpan limit, ConcurrentBag<SessionClient> into, ErrorTally errors)
    {
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, sessions), new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = deadline.Token }, async (_, cancellationToken) =>
            {
                SessionClient client = kind == ServerKind.Parley ? new ParleyClient(transport) : new BaselineClient(transport);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ConnectTimeout);
                try
                {
                    await client.ConnectAsync(timeout.Token);
                    into.Add(client);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    errors.Add("connect: " + (ex is OperationCanceledException ? "timeout" : ex.GetType().Name + (ex is HttpRequestException { StatusCode: { } status } ? " " + (int)status : "")));
                    await client.DisposeAsync();
                }
            });
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            errors.Add("connect: time limit reached");
        }
    }

    private static async Task<long> CollectGarbageAsync(Transport transport)
    {
        using var response = await transport.Http.PostAsync(new Uri(transport.BaseAddress, "bench/gc"), null);
        response.EnsureSuccessStatusCode();
        var heap = long.Parse(await response.Content.ReadAsStringAsync(), CultureInfo.InvariantCulture);
        // Let the GC hand freed pages back before RSS is read.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        return heap;
    }

    /// <summary>SignalR closes a connection that sends nothing for 30 s; a browser pings every 15 s, so do the sessions.</summary>
    private static async Task KeepAliveAsync(ConcurrentBag<SessionClient> clients, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var due = Stopwatch.GetTimestamp() - (long)(KeepAliveEvery.TotalSeconds * Stopwatch.Frequency);
                await Parallel.ForEachAsync(clients.Where(c => c.IsOpen && c.LastSent < due), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (client, ct) =>
                {
                    try
                    {
                        await client.KeepAliveAsync(ct);
                    }
                    catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException or InvalidOperationException)
                    {
                        // The receive loop records the failure.
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task DisposeAllAsync(IEnumerable<SessionClient> clients)
    {
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (client, _) => await client.DisposeAsync());
    }

    public static string Describe(RunResult r) => r.Scenario == "idle"
        ? string.Create(CultureInfo.InvariantCulture, $"{r.Server,-8} idle N={r.Sessions}: {r.Connected} connected in {r.ConnectSeconds:F1}s, {r.StillOpen} open after hold, RSS/session {r.RssPerSessionBytes / 1024:F1} KiB, heap/session {r.HeapPerSessionBytes / 1024:F1} KiB, server CPU {r.ServerConnectCpuSeconds:F2}s, errors {r.Errors}")
        : string.Create(CultureInfo.InvariantCulture, $"{r.Server,-8} {r.Scenario} N={r.Sessions} M={r.MessagesPerSession} K={r.TokensPerReply}: {r.MessagesOk} ok in {r.WallSeconds:F2}s, {r.TokensPerSecond:F0} tok/s, TTFT p50 {r.Ttft.P50:F1} ms, TTLT p50 {r.Ttlt.P50:F1}/p99 {r.Ttlt.P99:F1} ms, {r.FramesPerMessage:F1} frames/msg, server CPU {r.ServerCpuSeconds:F2}s, client CPU {r.ClientCpuSeconds:F2}s, peak RSS {r.ServerPeakRssBytes / 1048576.0:F0} MiB, errors {r.Errors}");
}
