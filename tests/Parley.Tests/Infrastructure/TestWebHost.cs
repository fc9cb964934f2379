using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Tests.Authentication;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// What every real app a test starts has in common: Kestrel on 127.0.0.1 at a free port, a data
/// directory of its own (a fresh temp folder unless the test brings one), every log entry captured,
/// and a clean-up that lets go of SQLite's files before deleting that folder. The test hosts
/// (<see cref="ParleyTestServer"/> and the authentication tests' hosts) add their own services and
/// endpoints through the callbacks.
/// </summary>
internal sealed class TestWebHost : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TestWebHostOptions _options;

    private TestWebHost(WebApplication app, string dataDirectory, CapturingLoggerProvider logs, TestWebHostOptions options)
    {
        App = app;
        DataDirectory = dataDirectory;
        Logs = logs;
        _options = options;
    }

    public WebApplication App { get; }

    /// <summary>The server's root, <c>http://127.0.0.1:{port}/</c> (or https), once started.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public string DataDirectory { get; }
    public CapturingLoggerProvider Logs { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>A new, empty folder under the temp folder.</summary>
    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// A builder with everything but the app's own services: configuration from
    /// <see cref="TestWebHostOptions.Settings"/> plus <c>Parley:DataDirectory</c>, the listener,
    /// logging into <paramref name="logs"/>, the clock, and fast password hashing.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string dataDirectory, TestWebHostOptions options, CapturingLoggerProvider logs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = options.EnvironmentName });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.Configuration.AddInMemoryCollection([new("Parley:DataDirectory", dataDirectory)]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (options.Certificate is not null)
            {
                listen.UseHttps(options.Certificate);
            }
        }));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        if (options.Time is not null)
        {
            // Before the app's own services: Parley only adds the system clock when none is registered.
            builder.Services.AddSingleton(options.Time);
        }
        // Fewer PBKDF2 rounds than production: the tests hash hundreds of passwords.
        builder.Services.Configure<PasswordHasherOptions>(hasher => hasher.IterationCount = 1000);
        return builder;
    }

    /// <summary>Builds the app without starting it (for commands, or a start the test makes itself).</summary>
    public static TestWebHost Build(TestWebHostOptions options, Action<WebApplicationBuilder> configure, Action<WebApplication> map)
    {
        var dataDirectory = options.DataDirectory ?? NewDataDirectory();
        Directory.CreateDirectory(dataDirectory);
        var logs = new CapturingLoggerProvider();
        var builder = CreateBuilder(dataDirectory, options, logs);
        configure(builder);
        var app = builder.Build();
        var host = new TestWebHost(app, dataDirectory, logs, options);
        map(app);
        return host;
    }

    /// <summary>Builds and starts the app; a failed start cleans up before it throws.</summary>
    public static async Task<TestWebHost> StartAsync(TestWebHostOptions options, Action<WebApplicationBuilder> configure, Action<WebApplication> map)
    {
        var host = Build(options, configure, map);
        await host.StartAsync();
        return host;
    }

    public async Task StartAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        try
        {
            await App.StartAsync(ct).WaitAsync(_options.StartTimeout, ct);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await App.StopAsync(timeout.Token);
        }
        finally
        {
            await App.DisposeAsync().AsTask().WaitAsync(Timeout, CancellationToken.None);
            _options.Certificate?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (_options.DataDirectory is null)
            {
                try
                {
                    Directory.Delete(DataDirectory, recursive: true);
                }
                catch (IOException)
                {
                    // A file still held open on a slow machine; the temp folder is cleaned eventually.
                }
            }
        }
    }
}
