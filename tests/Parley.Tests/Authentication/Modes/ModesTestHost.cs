using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
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
    public static readonly TimeSpan Timeout = TestWebHost.Timeout;

    private readonly TestWebHost _host;

    private ModesTestHost(TestWebHost host) => _host = host;

    public Uri BaseAddress => _host.BaseAddress;
    public CapturingLoggerProvider Logs => _host.Logs;
    public string DataDirectory => _host.DataDirectory;
    public IServiceProvider Services => _host.Services;

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
        var host = await TestWebHost.StartAsync(Options(settings), builder =>
        {
            builder.Services.AddParley();
            configure?.Invoke(builder);
        }, map ?? MapEchoApp);
        return new ModesTestHost(host);
    }

    /// <summary>Builds (without starting) an app with <paramref name="settings"/>, for start-up failures.</summary>
    public static WebApplicationBuilder CreateBuilder(IDictionary<string, string?> settings, out string dataDirectory)
    {
        dataDirectory = TestWebHost.NewDataDirectory();
        return TestWebHost.CreateBuilder(dataDirectory, Options(settings), new CapturingLoggerProvider());
    }

    private static TestWebHostOptions Options(IDictionary<string, string?> settings) => new() { Settings = settings, MinimumLogLevel = LogLevel.Trace };

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

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

/// <summary>A browser's session with the app: its cookies and the antiforgery header the web UI would send.</summary>
internal sealed record BrowserSession(HttpClient Client, CookieContainer Cookies, string AntiforgeryHeader, string AntiforgeryToken, string Identifier) : IDisposable
{
    public void Dispose() => Client.Dispose();
}
