using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

// The Parley server under test: a deterministic handler that streams K tokens per reply with no
// delay, so the numbers measure Parley, not a model. The message content is K (default 100).
// Started by bench/Parley.LoadTest with --urls and Bench:DataDirectory; see bench/README.md.
var builder = WebApplication.CreateBuilder(args);
var dataDirectory = Path.GetFullPath(builder.Configuration["Bench:DataDirectory"] ?? "bench-data");
builder.Services.AddParley(o =>
{
    o.DataDirectory = dataDirectory;
    // The default (120 a minute) protects a real app from one client; a load generator is that client.
    o.Limits.HubMessagesPerMinute = 1_000_000;
    // Likewise the limit on new guests per address: every simulated user comes from 127.0.0.1.
    o.Auth.Login.AnonymousSessionsPerClient = 0;
    if (builder.Configuration["Bench:FlushIntervalMs"] is { } flush)
    {
        o.Runtime.StreamFlushInterval = TimeSpan.FromMilliseconds(double.Parse(flush, CultureInfo.InvariantCulture));
    }
});
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

var app = builder.Build();
app.MapParley("/", chat => chat.OnMessage(async (message, ctx, ct) =>
{
    var tokens = int.TryParse(message.Content, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? Math.Clamp(k, 1, 1_000_000) : 100;
    var reply = await ctx.StartMessageAsync(cancellationToken: ct);
    for (var i = 0; i < tokens; i++)
    {
        await reply.StreamTokenAsync(BenchToken.Text, ct);
    }
    await reply.FinishAsync(cancellationToken: ct);
}));
app.MapPost("/bench/gc", BenchGc.Collect);
app.Run();

/// <summary>Lets the load generator measure memory per idle session without garbage in the way.</summary>
internal static class BenchGc
{
    public static string Collect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false).ToString(CultureInfo.InvariantCulture);
    }
}

internal static class BenchToken
{
    /// <summary>The token both servers stream; the load generator checks replies against it.</summary>
    public const string Text = "tok ";
}
