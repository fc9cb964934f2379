using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Parley.Tests.Fixtures;

/// <summary>
/// A real OpenID Provider on 127.0.0.1: npm <c>oidc-provider</c> (a certified implementation) run
/// by Node from tests/oidc-provider/server.mjs, with the clients, accounts and signing keys a test
/// gives it. PKCE is required; the login page is a plain form (login, password); consent is
/// automatic. <c>npm ci</c> runs there on first use if scripts/install-prereqs.sh has not run it.
/// Without Node the tests are skipped, except on CI (CI=true), where they fail.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    private readonly OidcProviderSettings _settings;
    private readonly string _folder;
    private Process? _process;
    private readonly List<string> _output = [];

    private OidcProvider(OidcProviderSettings settings, int port, string folder)
    {
        _settings = settings;
        Port = port;
        _folder = folder;
        Issuer = $"http://127.0.0.1:{port}";
    }

    /// <summary>The issuer, <c>http://127.0.0.1:{port}</c>, which is also the authority to configure.</summary>
    public string Issuer { get; }

    public int Port { get; }

    /// <summary>The signing keys the provider has now (private JWKs).</summary>
    public IReadOnlyList<JsonElement> Keys { get; private set; } = [];

    /// <summary>The paths requested so far ("GET /jwks"), for tests that count fetches.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_output)
            {
                return _output.Where(l => l.StartsWith("request ", StringComparison.Ordinal)).Select(l => l["request ".Length..]).ToArray();
            }
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>An unused port for a provider started later (its issuer must be known before the app starts).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether Node can run the provider here; the reason when it cannot.</summary>
    public static string? Unavailable()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            node?.WaitForExit(10_000);
            return node is { ExitCode: 0 } ? null : "node --version failed";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "Node.js is needed for the OpenID Provider (tests/oidc-provider). Run scripts/install-prereqs.sh.";
        }
    }

    /// <summary>Starts a provider on <paramref name="port"/> (see <see cref="FreePort"/>) with new RS256 and ES256 keys.</summary>
    public static async Task<OidcProvider> StartAsync(OidcProviderSettings settings, int port, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(cancellationToken);
        var provider = new OidcProvider(settings, port, Directory.CreateTempSubdirectory("parley-oidc-").FullName);
        try
        {
            await provider.RunAsync(NewKeys(), cancellationToken);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return provider;
    }

    /// <summary>Restarts the provider (same issuer) signing with <paramref name="keys"/>; its sessions and codes are lost.</summary>
    public async Task RestartAsync(IReadOnlyList<JsonElement> keys, CancellationToken cancellationToken)
    {
        await StopAsync();
        await RunAsync(keys, cancellationToken);
    }

    /// <summary>A new key set: an RSA 2048 key (RS256) first, then a P-256 key (ES256), each with a fresh kid.</summary>
    public static IReadOnlyList<JsonElement> NewKeys()
    {
        using var rsa = RSA.Create(2048);
        var r = rsa.ExportParameters(includePrivateParameters: true);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var e = ec.ExportParameters(includePrivateParameters: true);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return
        [
            JsonSerializer.SerializeToElement(new Dictionary<string, string>
            {
                ["kty"] = "RSA", ["kid"] = "rsa-" + suffix, ["alg"] = "RS256", ["use"] = "sig",
                ["n"] = B64(r.Modulus!), ["e"] = B64(r.Exponent!), ["d"] = B64(r.D!), ["p"] = B64(r.P!), ["q"] = B64(r.Q!),
                ["dp"] = B64(r.DP!), ["dq"] = B64(r.DQ!), ["qi"] = B64(r.InverseQ!),
            }),
            JsonSerializer.SerializeToElement(new Dictionary<string, string>
            {
                ["kty"] = "EC", ["kid"] = "ec-" + suffix, ["alg"] = "ES256", ["use"] = "sig", ["crv"] = "P-256",
                ["x"] = B64(e.Q.X!), ["y"] = B64(e.Q.Y!), ["d"] = B64(e.D!),
            }),
        ];
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    private async Task RunAsync(IReadOnlyList<JsonElement> keys, CancellationToken cancellationToken)
    {
        Keys = keys;
        var configPath = Path.Combine(_folder, "config.json");
        var config = new
        {
            port = Port,
            issuer = Issuer,
            cookieKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            idTokenClaims = _settings.ClaimsInIdToken,
            keys,
            clients = _settings.Clients.Select(c => new Dictionary<string, object?>
            {
                ["client_id"] = c.ClientId,
                ["client_secret"] = c.ClientSecret,
                ["redirect_uris"] = c.RedirectUris,
                ["post_logout_redirect_uris"] = c.PostLogoutRedirectUris,
                ["grant_types"] = new[] { "authorization_code" },
                ["response_types"] = new[] { "code" },
                ["id_token_signed_response_alg"] = c.IdTokenAlgorithm,
            }),
            accounts = _settings.Accounts.ToDictionary(a => a.Login, a => new { password = a.Password, claims = a.Claims }),
        };
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(config), cancellationToken);

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = PackageFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("server.mjs");
        start.ArgumentList.Add(configPath);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (_output)
            {
                _output.Add(e.Data);
            }
            if (e.Data.StartsWith("oidc-provider listening", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"oidc-provider did not start within {StartTimeout}. Output:\n{Output}");
        }
    }

    /// <summary>
    /// tests/oidc-provider, found above the running test assembly. Looked up here rather than through
    /// a test project's helpers because both tests/Parley.Tests and tests/Parley.E2E compile this file.
    /// </summary>
    private static string PackageFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
            {
                dir = dir.Parent;
            }
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Parley.slnx not found above " + AppContext.BaseDirectory), "tests", "oidc-provider");
        }
    }

    /// <summary>Runs <c>npm ci</c> in tests/oidc-provider once, unless its packages are there.</summary>
    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            if (_installed || File.Exists(Path.Combine(PackageFolder, "node_modules", "oidc-provider", "package.json")))
            {
                _installed = true;
                return;
            }
            var npm = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
            {
                WorkingDirectory = PackageFolder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            Process? process;
            try
            {
                process = Process.Start(npm);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                process = null;
            }
            if (process is null)
            {
                const string message = "Node.js and npm are needed for the OpenID Provider tests (tests/oidc-provider). Run scripts/install-prereqs.sh.";
                if (Environment.GetEnvironmentVariable("CI") == "true")
                {
                    throw new InvalidOperationException(message);
                }
                Assert.Skip(message);
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var errors = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in tests/oidc-provider failed ({process.ExitCode}):\n{await output}\n{await errors}");
                }
            }
            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            process.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>What a test's <see cref="OidcProvider"/> knows: its clients and accounts.</summary>
public sealed record OidcProviderSettings(IReadOnlyList<OidcClient> Clients, IReadOnlyList<OidcAccount> Accounts)
{
    /// <summary>Whether scope claims (email, name, groups…) go into the ID token too; by default only userinfo has them.</summary>
    public bool ClaimsInIdToken { get; init; }
}

/// <summary>A client registered at the provider.</summary>
public sealed record OidcClient(string ClientId, string ClientSecret, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris, string IdTokenAlgorithm = "RS256");

/// <summary>An account at the provider: its login form takes <see cref="Login"/> and <see cref="Password"/>; the subject is the login.</summary>
public sealed record OidcAccount(string Login, string Password, IReadOnlyDictionary<string, object> Claims);
