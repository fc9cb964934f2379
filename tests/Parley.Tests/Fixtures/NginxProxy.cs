using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Parley.Tests.Fixtures;

/// <summary>
/// A real nginx (the Debian package) in front of a Parley test app, standing in for an SSO proxy:
/// it sets <c>X-WEBAUTH-USER</c> to whatever the test sends in <c>X-Test-Sso-User</c> and always
/// overwrites the header, so a client's own <c>X-WEBAUTH-USER</c> never reaches Parley. nginx
/// listens on a free 127.0.0.1 port and connects to Parley from <see cref="SourceAddress"/>, so
/// Parley can tell the proxy from a client that connects to it directly.
/// </summary>
/// <remarks>
/// nginx runs in the foreground (<c>daemon off</c>) as a child process with its configuration,
/// pid file, logs and temp folders in a temp folder of its own; disposing kills that process and
/// its workers. Without nginx the test is skipped, except on CI (CI=true), where it fails.
/// </remarks>
internal sealed class NginxProxy : IAsyncDisposable
{
    /// <summary>The address nginx connects to Parley from (<c>proxy_bind</c>): the one trusted proxy.</summary>
    public const string SourceAddress = "127.0.0.2";

    /// <summary>The request header the test uses to say who the SSO proxy has signed in.</summary>
    public const string SsoUserHeader = "X-Test-Sso-User";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly string _directory;

    private NginxProxy(Process process, string directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        BaseAddress = baseAddress;
    }

    /// <summary>Where clients reach Parley through nginx.</summary>
    public Uri BaseAddress { get; }

    /// <summary>nginx's error log so far, for failure messages.</summary>
    public string ErrorLog => ReadOrEmpty(Path.Combine(_directory, "error.log"));

    /// <summary>The nginx binary, or null when it is not installed.</summary>
    public static string? Find()
    {
        string[] candidates = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"];
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "nginx"));
        return candidates.Concat(onPath).FirstOrDefault(File.Exists);
    }

    /// <summary>Skips the test when nginx is missing (fails it on CI), or when the machine cannot use a second loopback address.</summary>
    public static string RequireNginx()
    {
        var nginx = Find();
        if (nginx is null)
        {
            const string reason = "nginx is not installed; scripts/install-prereqs.sh installs it (apt-get install nginx-light).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + " CI=true, so this is a failure, not a skip.");
            }
            Assert.Skip(reason);
        }
        if (!CanBind(IPAddress.Parse(SourceAddress)))
        {
            Assert.Skip($"This machine cannot bind {SourceAddress}, the address nginx connects to Parley from (Linux routes all of 127.0.0.0/8 to loopback; other systems may not).");
        }
        return nginx;
    }

    /// <summary>Starts nginx in front of <paramref name="upstream"/> (Parley's address, on 127.0.0.1).</summary>
    public static Task<NginxProxy> StartAsync(Uri upstream, CancellationToken cancellationToken) =>
        StartAsync((directory, port) => Configuration(directory, port, upstream), cancellationToken);

    /// <summary>
    /// Starts nginx with a configuration of the caller's, given the folder it runs in (its prefix,
    /// which relative paths resolve against) and the free port to listen on.
    /// </summary>
    public static async Task<NginxProxy> StartAsync(Func<string, int, string> configuration, CancellationToken cancellationToken)
    {
        var nginx = RequireNginx();
        var directory = Path.Combine(Path.GetTempPath(), "parley-nginx", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "temp"));
        var port = FreePort();
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, configuration(directory, port), cancellationToken);

        var start = new ProcessStartInfo(nginx)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-p", directory + "/", "-e", Path.Combine(directory, "error.log"), "-c", config, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + nginx);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new NginxProxy(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await proxy.WaitUntilListeningAsync(port, cancellationToken);
        }
        catch
        {
            var log = proxy.ErrorLog;
            await proxy.DisposeAsync();
            throw new InvalidOperationException($"nginx did not start. Its error log:\n{log}");
        }
        return proxy;
    }

    /// <summary>The <c>user</c> directive nginx needs when started as root (workers as root keep the temp folder writable), else nothing.</summary>
    public static string UserDirective => Environment.UserName == "root" ? "user root;" : "";

    private static string Configuration(string directory, int port, Uri upstream)
    {
        var user = UserDirective;
        return string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes 1;
            {{user}}
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;

                map $http_upgrade $connection_upgrade { default upgrade; '' close; }

                server {
                    listen 127.0.0.1:{{port}};

                    location / {
                        proxy_pass http://{{upstream.Authority}};
                        # Connect from the one address Parley trusts (Parley:Auth:Header:TrustedProxies).
                        proxy_bind {{SourceAddress}};
                        proxy_http_version 1.1;
                        proxy_set_header Host $http_host;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_buffering off;

                        # The SSO stand-in. proxy_set_header replaces any header of that name the client
                        # sent, and an empty value drops it: a client never chooses its own user.
                        proxy_set_header X-WEBAUTH-USER  $http_x_test_sso_user;
                        proxy_set_header X-WEBAUTH-NAME  "";
                        proxy_set_header X-WEBAUTH-EMAIL "";
                        proxy_set_header {{SsoUserHeader}} "";
                    }
                }
            }
            """);
    }

    private async Task WaitUntilListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}.");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool CanBind(IPAddress address)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // This process and its worker children only: the master was started by this fixture.
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A worker still closing a file; the temp folder is cleaned eventually.
            }
        }
    }
}
