using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace Parley.E2E.Infrastructure;

/// <summary>
/// A real OpenID Provider on 127.0.0.1: npm <c>oidc-provider</c> run by Node from
/// tests/oidc-provider/server.mjs (the same one tests/Parley.Tests drives), with one client and
/// the accounts a test gives it. Its login page is a plain form (#login, #password, #submit);
/// consent is automatic. <c>npm ci</c> runs there on first use if scripts/install-prereqs.sh has not.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private readonly string _folder;
    private readonly List<string> _output = [];
    private Process? _process;

    private OidcProvider(int port, string folder)
    {
        Issuer = $"http://127.0.0.1:{port}";
        _folder = folder;
    }

    /// <summary>The issuer, <c>http://127.0.0.1:{port}</c>: the authority to configure.</summary>
    public string Issuer { get; }

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

    /// <summary>An unused port, for servers whose addresses must be known before they start.</summary>
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

    public static async Task<OidcProvider> StartAsync(int port, OidcClientRegistration client, IReadOnlyList<OidcAccount> accounts, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(cancellationToken);
        var provider = new OidcProvider(port, Directory.CreateTempSubdirectory("parley-e2e-oidc-").FullName);
        try
        {
            await provider.RunAsync(port, client, accounts, cancellationToken);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return provider;
    }

    private async Task RunAsync(int port, OidcClientRegistration client, IReadOnlyList<OidcAccount> accounts, CancellationToken cancellationToken)
    {
        var configPath = Path.Combine(_folder, "config.json");
        var config = new
        {
            port,
            issuer = Issuer,
            cookieKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            idTokenClaims = false,
            keys = new[] { NewRsaKey() },
            clients = new[]
            {
                new Dictionary<string, object?>
                {
                    ["client_id"] = client.ClientId,
                    ["client_secret"] = client.ClientSecret,
                    ["redirect_uris"] = client.RedirectUris,
                    ["post_logout_redirect_uris"] = client.PostLogoutRedirectUris,
                    ["grant_types"] = new[] { "authorization_code" },
                    ["response_types"] = new[] { "code" },
                    ["id_token_signed_response_alg"] = "RS256",
                },
            },
            accounts = accounts.ToDictionary(a => a.Login, a => new { password = a.Password, claims = a.Claims }),
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

    private static JsonElement NewRsaKey()
    {
        using var rsa = RSA.Create(2048);
        var r = rsa.ExportParameters(includePrivateParameters: true);
        static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
        return JsonSerializer.SerializeToElement(new Dictionary<string, string>
        {
            ["kty"] = "RSA", ["kid"] = "e2e-" + Guid.NewGuid().ToString("N")[..8], ["alg"] = "RS256", ["use"] = "sig",
            ["n"] = B64(r.Modulus!), ["e"] = B64(r.Exponent!), ["d"] = B64(r.D!), ["p"] = B64(r.P!), ["q"] = B64(r.Q!),
            ["dp"] = B64(r.DP!), ["dq"] = B64(r.DQ!), ["qi"] = B64(r.InverseQ!),
        });
    }

    private static string PackageFolder => Path.Combine(Repository.Root, "tests", "oidc-provider");

    /// <summary>Runs <c>npm ci</c> in tests/oidc-provider once, unless its packages are there.</summary>
    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(Path.Combine(PackageFolder, "node_modules", "oidc-provider", "package.json")))
            {
                return;
            }
            var npm = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
            {
                WorkingDirectory = PackageFolder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(npm) ?? throw new InvalidOperationException("npm did not start.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in tests/oidc-provider failed ({process.ExitCode}):\n{await output}\n{await errors}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
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
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Parley as a client of the provider.</summary>
public sealed record OidcClientRegistration(string ClientId, string ClientSecret, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris);

/// <summary>An account at the provider: its login form takes <see cref="Login"/> and <see cref="Password"/>; the subject is the login.</summary>
public sealed record OidcAccount(string Login, string Password, IReadOnlyDictionary<string, object> Claims);
