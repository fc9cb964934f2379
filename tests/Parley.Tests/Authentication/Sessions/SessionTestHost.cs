using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication.Accounts;
using Parley.Data;
using Parley.Hosting;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Authentication.Sessions;

/// <summary>
/// A real Parley app on Kestrel at 127.0.0.1 (plain HTTP, or HTTPS with a certificate made for the
/// test) with Parley's own session scheme — no test sign-in — an echo chat at "/", a fresh SQLite
/// database, a clock the test moves, and every log entry captured.
/// </summary>
internal sealed class SessionTestHost : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TestWebHost.Timeout;

    private readonly TestWebHost _host;

    private SessionTestHost(TestWebHost host, FakeTimeProvider time, X509Certificate2? certificate)
    {
        _host = host;
        Time = time;
        Certificate = certificate;
    }

    public Uri BaseAddress => _host.BaseAddress;
    public string DataDirectory => _host.DataDirectory;
    public CapturingLoggerProvider Logs => _host.Logs;
    public FakeTimeProvider Time { get; }
    public X509Certificate2? Certificate { get; }
    public IServiceProvider Services => _host.Services;
    public WebApplication App => _host.App;

    public static async Task<SessionTestHost> StartAsync(
        Action<ParleyOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        bool https = false,
        string? dataDirectory = null,
        Action<WebApplicationBuilder>? builder = null)
    {
        var (_, host) = Build(configure, services, https, dataDirectory, builder);
        await host._host.StartAsync();
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
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var certificate = https ? CreateCertificate() : null;
        var options = new TestWebHostOptions
        {
            EnvironmentName = "Development",
            Time = time,
            Certificate = certificate,
            DataDirectory = dataDirectory,
        };
        var host = TestWebHost.Build(options, web =>
        {
            web.Services.AddParley(parley =>
            {
                parley.Auth.AllowAnonymous = false;
                parley.Auth.Session.RevalidationInterval = TimeSpan.FromSeconds(1);
                configure?.Invoke(parley);
            });
            services?.Invoke(web.Services);
            builder?.Invoke(web);
        }, app =>
        {
            app.UseWebSockets();
            app.MapParley("/", chat => chat.OnMessage((message, ctx) => ctx.SendMessageAsync($"Echo: {message.Content}")));
        });
        return (host.App, new SessionTestHost(host, time, certificate));
    }

    /// <summary>A browser: its own cookie jar, the antiforgery header it got last.</summary>
    public SessionClient CreateClient() => new(this);

    public T Service<T>() where T : notnull => _host.Services.GetRequiredService<T>();

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

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
