using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Authentication.OAuth;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>
/// A real Parley app on Kestrel at 127.0.0.1 with OAuth providers from configuration (as a user
/// would set them in appsettings or environment variables), a fresh SQLite database, no anonymous
/// users, and every log entry captured.
/// </summary>
internal sealed class OAuthTestApp : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private OAuthTestApp(WebApplication app, string dataDirectory, CapturingLoggerProvider logs, string appPath)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        AppUri = new Uri(BaseAddress, appPath.Trim('/') is { Length: > 0 } path ? path + "/" : "");
    }

    /// <summary>The server's root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The mapped app's home, ending in <c>/</c>.</summary>
    public Uri AppUri { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The callback URL of <paramref name="provider"/>, as the provider must have it registered.</summary>
    public string CallbackUri(string provider) => new Uri(AppUri, $"api/auth/oauth/{provider}/callback").ToString();

    public static async Task<OAuthTestApp> StartAsync(
        IDictionary<string, string?> settings,
        Action<ParleyOAuthOptions>? oauth = null,
        string appPath = "/",
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("parley-oauth-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = "Testing" });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Parley:DataDirectory"] = dataDirectory,
            ["Parley:Auth:AllowAnonymous"] = "false",
        });
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        builder.Services.AddParley();
        if (oauth is not null)
        {
            builder.Services.AddParleyOAuth(oauth);
        }
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseWebSockets();
        app.MapParley(appPath, chat => chat.OnMessage((message, ctx) => ctx.SendMessageAsync($"Echo: {message.Content}")));
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new OAuthTestApp(app, dataDirectory, logs, appPath);
    }

    /// <summary>Settings for one OpenID Connect provider at <paramref name="authority"/> (plain HTTP allowed: it is on loopback).</summary>
    public static Dictionary<string, string?> OidcProvider(string id, string authority, string clientId, string clientSecret, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Parley:Auth:OAuth:Providers:{id}:Authority"] = authority,
            [$"Parley:Auth:OAuth:Providers:{id}:ClientId"] = clientId,
            [$"Parley:Auth:OAuth:Providers:{id}:ClientSecret"] = clientSecret,
            [$"Parley:Auth:OAuth:Providers:{id}:RequireHttps"] = "false",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).WaitAsync(Timeout, CancellationToken.None);
        await _app.DisposeAsync().AsTask().WaitAsync(Timeout, CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
