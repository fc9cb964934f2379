using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Authentication.Accounts;
using Parley.Data;
using Parley.Hosting;

namespace Parley.Tests.Authentication.Sessions;

/// <summary>
/// A real Parley app on Kestrel at 127.0.0.1 (plain HTTP, or HTTPS with a certificate made for the
/// test) with Parley's own session scheme — no test sign-in — an echo chat at "/", a fresh SQLite
/// database, a clock the test moves, and every log entry captured.
/// </summary>
internal sealed class SessionTestHost : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly bool _ownsData;

    private SessionTestHost(WebApplication app, string dataDirectory, bool ownsData, CapturingLoggerProvider logs, FakeTimeProvider time, X509Certificate2? certificate)
    {
        _ownsData = ownsData;
        _app = app;
        DataDirectory = dataDirectory;
        Logs = logs;
        Time = time;
        Certificate = certificate;
    }

    public Uri BaseAddress { get; private set; } = null!;
    public string DataDirectory { get; }
    public CapturingLoggerProvider Logs { get; }
    public FakeTimeProvider Time { get; }
    public X509Certificate2? Certificate { get; }
    public IServiceProvider Services => _app.Services;
    public WebApplication App => _app;

    public static async Task<SessionTestHost> StartAsync(
        Action<ParleyOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        bool https = false,
        string? dataDirectory = null,
        Action<WebApplicationBuilder>? builder = null)
    {
        var (app, host) = Build(configure, services, https, dataDirectory, builder);
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        return host;
    }

    /// <summary>Builds without starting, for commands and start-up failures.</summary>
    public static (WebApplication App, SessionTestHost Host) Build(
        Action<ParleyOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        bool https = false,
        string? dataDirectory = null,
        Action<WebApplicationBuilder>? builder = null)
    {
        var ownsData = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "parley-session-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var web = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = "Development" });
        var certificate = https ? CreateCertificate() : null;
        web.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var logs = new CapturingLoggerProvider();
        web.Logging.ClearProviders();
        web.Logging.AddProvider(logs);
        web.Logging.SetMinimumLevel(LogLevel.Debug);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        web.Services.AddParley(options =>
        {
            options.DataDirectory = dataDirectory;
            options.Auth.AllowAnonymous = false;
            options.Auth.Session.RevalidationInterval = TimeSpan.FromSeconds(1);
            configure?.Invoke(options);
        });
        web.Services.AddSingleton<TimeProvider>(time);
        // Fewer PBKDF2 rounds than production: the tests hash hundreds of passwords.
        web.Services.Configure<PasswordHasherOptions>(hasher => hasher.IterationCount = 1000);
        services?.Invoke(web.Services);
        builder?.Invoke(web);
        var app = web.Build();
        app.UseWebSockets();
        app.MapParley("/", chat => chat.OnMessage((message, ctx) => ctx.SendMessageAsync($"Echo: {message.Content}")));
        return (app, new SessionTestHost(app, dataDirectory, ownsData, logs, time, certificate));
    }

    /// <summary>A browser: its own cookie jar, the antiforgery header it got last.</summary>
    public SessionClient CreateClient() => new(this);

    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Runs SQL against the app's database (to look at rows, or to act as another instance).</summary>
    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        Service<SqlDatabase>().ReadAsync<IReadOnlyList<T>>(async connection =>
            [.. await Dapper.SqlMapper.QueryAsync<T>(connection, sql, parameters)], TestContext.Current.CancellationToken)
            .WaitAsync(Timeout, TestContext.Current.CancellationToken);

    public Task ExecuteAsync(string sql, object? parameters = null) =>
        Service<SqlDatabase>().WriteAsync((connection, transaction) => Dapper.SqlMapper.ExecuteAsync(connection, sql, parameters, transaction), TestContext.Current.CancellationToken)
            .WaitAsync(Timeout, TestContext.Current.CancellationToken);

    /// <summary>Creates a built-in account directly (accounts must be enabled).</summary>
    public Task CreateAccountAsync(string username, string password, bool admin = false) => admin
        ? Service<AccountService>().SetAdminAsync(username, password, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken)
        : CreateUserAccountAsync(username, password);

    private async Task CreateUserAccountAsync(string username, string password)
    {
        var accounts = Service<AccountService>();
        await accounts.SetAdminAsync(username, password, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        await ExecuteAsync("UPDATE accounts SET is_admin = 0 WHERE normalized_username = @Name", new { Name = username.ToUpperInvariant() });
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).WaitAsync(Timeout, CancellationToken.None);
        await _app.DisposeAsync().AsTask().WaitAsync(Timeout, CancellationToken.None);
        Certificate?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsData)
        {
            return;
        }
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
