using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Data;
using Parley.Hosting;

namespace Parley.Benchmarks;

/// <summary>Parley's data layer on a real SQLite file in a temporary directory (AddParleyData, migrated, WAL), with a user and a thread.</summary>
internal sealed class SqliteData : IDisposable
{
    private readonly string _directory;
    private readonly IHost _host;

    private SqliteData(string directory, IHost host, string threadId)
    {
        _directory = directory;
        _host = host;
        ThreadId = threadId;
    }

    public string ThreadId { get; }
    public IServiceProvider Services => _host.Services;
    public IStepStore Steps => _host.Services.GetRequiredService<IStepStore>();

    public static SqliteData Create() => CreateAsync().GetAwaiter().GetResult();

    private static async Task<SqliteData> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "parley-micro-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory, DisableDefaults = true });
        builder.Services.AddOptions<ParleyOptions>().Configure(o => o.DataDirectory = directory);
        builder.Services.AddParleyData();
        var host = builder.Build();
        await host.StartAsync();
        var user = await host.Services.GetRequiredService<IUserStore>().GetOrCreateAsync("bench", "Bench", null);
        var now = DateTimeOffset.UtcNow;
        var threadId = Guid.NewGuid().ToString("N");
        await host.Services.GetRequiredService<IThreadStore>().CreateAsync(new ThreadRecord { Id = threadId, UserId = user.Id, App = "/", CreatedAt = now, UpdatedAt = now });
        return new SqliteData(directory, host, threadId);
    }

    public StepRecord NewStep(int sequence, string output, bool streaming) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        ThreadId = ThreadId,
        Type = "assistant_message",
        Name = "Assistant",
        Output = output,
        Streaming = streaming,
        CreatedAt = DateTimeOffset.UtcNow,
        EndedAt = streaming ? null : DateTimeOffset.UtcNow,
        Sequence = sequence,
    };

    /// <summary>Empties every step's output, so appends measure a reply's life, not an ever-growing row.</summary>
    public void ResetOutputs() =>
        _host.Services.GetRequiredService<SqlDatabase>()
            .WriteAsync((connection, transaction) => connection.ExecuteAsync("UPDATE steps SET output = ''", transaction: transaction), CancellationToken.None)
            .GetAwaiter().GetResult();

    public void Dispose()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
