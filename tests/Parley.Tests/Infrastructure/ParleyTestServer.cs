using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
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
    private readonly TestWebHost _host;

    private ParleyTestServer(TestWebHost host) => _host = host;

    public Uri BaseAddress => _host.BaseAddress;
    public string DataDirectory => _host.DataDirectory;
    public IServiceProvider Services => _host.Services;

    public static async Task<ParleyTestServer> StartAsync(
        Action<WebApplication> map,
        Action<ParleyOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        string? dataDirectory = null)
    {
        var options = new TestWebHostOptions
        {
            EnvironmentName = "Development",
            MinimumLogLevel = LogLevel.Warning,
            DataDirectory = dataDirectory,
            StartTimeout = TimeSpan.FromSeconds(60),
        };
        var host = await TestWebHost.StartAsync(options, builder =>
        {
            builder.Services.AddParley(parley =>
            {
                parley.Auth.AllowAnonymous = false;
                configure?.Invoke(parley);
            });
            builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
            builder.Services.Configure<PolicySchemeOptions>(ParleyAuthenticationDefaults.Scheme, o => o.ForwardDefault = TestAuthHandler.SchemeName);
            services?.Invoke(builder.Services);
        }, app =>
        {
            app.UseWebSockets();
            map(app);
        });
        return new ParleyTestServer(host);
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

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
