using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Authentication.Modes;

/// <summary>
/// A real Parley app on Kestrel at 127.0.0.1, configured the way an operator would: settings in
/// configuration (as appsettings.json would hold them) and <c>AddParley()</c>. Every log entry
/// of every category is captured at Trace level.
/// </summary>
internal sealed class ModesTestHost : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;

    private ModesTestHost(WebApplication app, CapturingLoggerProvider logs, string dataDirectory)
    {
        _app = app;
        Logs = logs;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; private set; } = null!;
    public CapturingLoggerProvider Logs { get; }
    public string DataDirectory { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The origin browsers on this app's own pages send.</summary>
    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>An echo app at "/" that also attaches a small PNG when asked ("image").</summary>
    public static void MapEchoApp(WebApplication app) => app.MapParley("/", chat => chat.OnMessage(async (message, ctx) =>
    {
        if (message.Content == "image")
        {
            await ctx.AttachAsync(Parley.Chat.Element.Image("dot.png", TinyPng));
        }
        await ctx.SendMessageAsync($"Echo for {ctx.User.Identifier}: {message.Content}");
    }));

    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    public static async Task<ModesTestHost> StartAsync(
        IDictionary<string, string?> settings,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? map = null)
    {
        var builder = CreateBuilder(settings, out var dataDirectory);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddParley();
        configure?.Invoke(builder);

        var app = builder.Build();
        (map ?? MapEchoApp)(app);
        var host = new ModesTestHost(app, logs, dataDirectory);
        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            await app.StartAsync(timeout.Token);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address);
        return host;
    }

    /// <summary>Builds (without starting) an app with <paramref name="settings"/>, for start-up failures.</summary>
    public static WebApplicationBuilder CreateBuilder(IDictionary<string, string?> settings, out string dataDirectory)
    {
        dataDirectory = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = "Testing",
            ContentRootPath = dataDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Parley:DataDirectory"] = dataDirectory });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        return builder;
    }

    /// <summary>Starts <paramref name="builder"/> expecting start-up to fail, and returns the failure's text.</summary>
    public static async Task<string> StartExpectingFailureAsync(WebApplicationBuilder builder)
    {
        await using var app = builder.Build();
        using var timeout = new CancellationTokenSource(Timeout);
        var exception = await Assert.ThrowsAnyAsync<Exception>(() =>
        {
            // Mapping resolves Parley's services, which may already validate the options.
            MapEchoApp(app);
            return app.StartAsync(timeout.Token);
        });
        return exception is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(e => e.Message))
            : exception.Message;
    }

    /// <summary>A client that keeps cookies and never follows redirects.</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
            Timeout = Timeout,
        };

    /// <summary>Signs in an anonymous browser session (AllowAnonymous) and returns its cookies and antiforgery header.</summary>
    public async Task<BrowserSession> StartBrowserSessionAsync()
    {
        var cookies = new CookieContainer();
        var client = CreateClient(cookies);
        var config = await client.GetFromJsonAsync<JsonElement>("api/config", TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var antiforgery = config.GetProperty("antiforgery");
        return new BrowserSession(client, cookies, antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString()!,
            config.GetProperty("user").GetProperty("identifier").GetString()!);
    }

    /// <summary>The Cookie header a browser of <paramref name="session"/> sends to this host.</summary>
    public string CookieHeader(CookieContainer cookies) => cookies.GetCookieHeader(BaseAddress);

    public Task<HubClient> ConnectAsync(IReadOnlyDictionary<string, string> headers, string? origin = null, string? queryAccessToken = null) =>
        HubClient.ConnectAsync(new Uri(BaseAddress, "/hub"), headers, origin, TestContext.Current.CancellationToken, queryAccessToken);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
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
}

/// <summary>A browser's session with the app: its cookies and the antiforgery header the web UI would send.</summary>
internal sealed record BrowserSession(HttpClient Client, CookieContainer Cookies, string AntiforgeryHeader, string AntiforgeryToken, string Identifier) : IDisposable
{
    public void Dispose() => Client.Dispose();
}
