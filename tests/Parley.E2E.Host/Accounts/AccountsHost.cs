using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Parley.E2E.Host.Apps;

namespace Parley.E2E.Host.Accounts;

/// <summary>
/// Parley with built-in accounts and nobody anonymous, as a team would run it: an administrator
/// from configuration, registration as <see cref="AccountsHostSettings.Registration"/> says, and
/// optionally an OpenID Provider. Auth settings are host-wide, so this is a host of its own next to
/// <see cref="E2EHost"/>, configured only through configuration keys, as a user would.
/// </summary>
public sealed class AccountsHost : IAsyncDisposable
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "e2e admin password";

    /// <summary>The OAuth provider's id, in URLs: <c>{app}/api/auth/oauth/sso/start</c>.</summary>
    public const string ProviderId = "sso";
    public const string ProviderName = "Acme SSO";

    /// <summary>Password attempts per user name per window: low, so a test can reach the limit.</summary>
    public const int AttemptsPerAccount = 6;

    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private AccountsHost(WebApplication app, string dataDirectory, Uri baseAddress)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:5123/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The team chat, ending in "/".</summary>
    public Uri AppUri => new(BaseAddress, TeamApp.Path.Trim('/') + "/");

    public IServiceProvider Services => _app.Services;

    /// <summary>The callback URL of the OAuth provider, as the provider must have it registered.</summary>
    public static string CallbackUri(int port) => $"http://127.0.0.1:{port}{TeamApp.Path}/api/auth/oauth/{ProviderId}/callback";

    public static async Task<AccountsHost> StartAsync(AccountsHostSettings settings, CancellationToken cancellationToken = default)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "parley-e2e", "accounts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = dataDirectory,
            EnvironmentName = Environments.Production,
            ApplicationName = typeof(AccountsHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{settings.Port}");
        builder.Logging.ClearProviders();
        if (settings.Verbose)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var configuration = new Dictionary<string, string?>
        {
            ["Parley:DataDirectory"] = dataDirectory,
            ["Parley:AppName"] = "Acme Team Chat",
            ["Parley:Auth:AllowAnonymous"] = "false",
            ["Parley:Auth:Accounts:Enabled"] = "true",
            ["Parley:Auth:Accounts:Registration"] = settings.Registration,
            ["Parley:Auth:Accounts:Admin:Username"] = AdminUsername,
            ["Parley:Auth:Accounts:Admin:Password"] = AdminPassword,
            // Every browser of the suite is 127.0.0.1: a per-client limit would be shared by all tests.
            ["Parley:Auth:Login:AttemptsPerClient"] = "100000",
            ["Parley:Auth:Login:AttemptsPerAccount"] = AttemptsPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (settings.Oidc is { } oidc)
        {
            var provider = $"Parley:Auth:OAuth:Providers:{ProviderId}";
            configuration[$"{provider}:Authority"] = oidc.Authority;
            configuration[$"{provider}:ClientId"] = oidc.ClientId;
            configuration[$"{provider}:ClientSecret"] = oidc.ClientSecret;
            configuration[$"{provider}:DisplayName"] = ProviderName;
            // The provider runs on this machine over plain HTTP.
            configuration[$"{provider}:RequireHttps"] = "false";
        }
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddParley();

        var app = builder.Build();
        app.UseWebSockets();
        app.MapParley(TeamApp.Path, TeamApp.Configure);
        app.MapGet("/", () => Results.Redirect(TeamApp.Path + "/"));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AccountsHost(app, dataDirectory, new Uri(address.TrimEnd('/') + "/"));
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on a slow machine; the temp folder is cleaned eventually.
        }
    }
}
