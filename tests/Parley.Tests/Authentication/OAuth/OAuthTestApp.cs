using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication.OAuth;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>
/// A real Parley app on Kestrel at 127.0.0.1 with OAuth providers from configuration (as a user
/// would set them in appsettings or environment variables), a fresh SQLite database, no anonymous
/// users, and every log entry captured.
/// </summary>
internal sealed class OAuthTestApp : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TestWebHost.Timeout;

    private readonly TestWebHost _host;

    private OAuthTestApp(TestWebHost host, string appPath)
    {
        _host = host;
        AppUri = new Uri(BaseAddress, appPath.Trim('/') is { Length: > 0 } path ? path + "/" : "");
    }

    /// <summary>The server's root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress => _host.BaseAddress;

    /// <summary>The mapped app's home, ending in <c>/</c>.</summary>
    public Uri AppUri { get; }

    public CapturingLoggerProvider Logs => _host.Logs;

    public IServiceProvider Services => _host.Services;

    /// <summary>The callback URL of <paramref name="provider"/>, as the provider must have it registered.</summary>
    public string CallbackUri(string provider) => new Uri(AppUri, $"api/auth/oauth/{provider}/callback").ToString();

    public static async Task<OAuthTestApp> StartAsync(
        IDictionary<string, string?> settings,
        Action<ParleyOAuthOptions>? oauth = null,
        string appPath = "/",
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var options = new TestWebHostOptions
        {
            Settings = new Dictionary<string, string?>(settings) { ["Parley:Auth:AllowAnonymous"] = "false" },
            Time = time,
        };
        var host = await TestWebHost.StartAsync(options, builder =>
        {
            builder.Services.AddParley();
            if (oauth is not null)
            {
                builder.Services.AddParleyOAuth(oauth);
            }
            services?.Invoke(builder.Services);
        }, app =>
        {
            app.UseWebSockets();
            app.MapParley(appPath, chat => chat.OnMessage((message, ctx) => ctx.SendMessageAsync($"Echo: {message.Content}")));
        });
        return new OAuthTestApp(host, appPath);
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

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
