using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Authentication;
using Parley.Hosting;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A real Parley host on Kestrel at 127.0.0.1 with a fresh SQLite database in a temp folder,
/// users signed in by the test scheme. Tests map their own handlers.
/// </summary>
internal sealed class ParleyTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ParleyTestServer(WebApplication app, string dataDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; private set; } = null!;
    public string DataDirectory { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<ParleyTestServer> StartAsync(
        Action<WebApplication> map,
        Action<ParleyOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        string? dataDirectory = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddParley(options =>
        {
            options.DataDirectory = dataDirectory;
            options.Auth.AllowAnonymous = false;
            configure?.Invoke(options);
        });
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.Configure<PolicySchemeOptions>(ParleyAuthenticationDefaults.Scheme, o => o.ForwardDefault = TestAuthHandler.SchemeName);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseWebSockets();
        map(app);
        var server = new ParleyTestServer(app, dataDirectory);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app.StartAsync(timeout.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public HttpClient CreateClient(string? user)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.Header, user);
        }
        return client;
    }

    public Task<HubClient> ConnectAsync(string user, string appPath = "") =>
        HubClient.ConnectAsync(new Uri(BaseAddress, appPath.TrimEnd('/') + "/hub"), new Dictionary<string, string> { [TestAuthHandler.Header] = user });

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
