using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Authentication;

namespace Parley.Tests.Authentication;

/// <summary>
/// A real Kestrel app on loopback with one authentication scheme, a protected <c>/whoami</c>
/// endpoint and a <c>/probe</c> endpoint that reports the scheme's raw result.
/// </summary>
internal sealed class AuthTestHost : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;

    private AuthTestHost(WebApplication app, CapturingLoggerProvider logs, Uri ipv4, Uri? ipv6)
    {
        _app = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = ipv4, Timeout = Timeout };
        Ipv6Client = ipv6 is null ? null : new HttpClient { BaseAddress = ipv6, Timeout = Timeout };
    }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>A client that connects from 127.0.0.1.</summary>
    public HttpClient Client { get; }

    /// <summary>A client that connects from ::1, when the host listens there.</summary>
    public HttpClient? Ipv6Client { get; }

    /// <summary>Whether this machine can listen on and connect to ::1.</summary>
    public static bool Ipv6LoopbackAvailable()
    {
        if (!Socket.OSSupportsIPv6)
        {
            return false;
        }
        try
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static async Task<AuthTestHost> StartAsync(
        string scheme,
        Action<WebApplicationBuilder> configureServices,
        Action<WebApplication>? configurePipeline = null,
        bool listenOnIpv6 = false,
        string[]? args = null)
    {
        var builder = CreateBuilder(args, listenOnIpv6);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddAuthorization();
        configureServices(builder);

        var app = builder.Build();
        configurePipeline?.Invoke(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/whoami", (HttpContext context) => WhoAmI.From(context.User))
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = scheme });
        app.MapGet("/probe", async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync(scheme);
            return new Probe(
                result.Succeeded,
                result.None,
                result.Failure?.Message,
                context.Connection.RemoteIpAddress?.ToString(),
                result.Principal is null ? null : WhoAmI.From(result.Principal));
        });

        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a))
            .ToList();
        return new AuthTestHost(
            app,
            logs,
            addresses.Single(a => a.Host == "127.0.0.1"),
            addresses.SingleOrDefault(a => a.Host == "[::1]"));
    }

    /// <summary>Builds (without starting) an app configured like <see cref="StartAsync"/>, for start-up failures.</summary>
    public static WebApplicationBuilder CreateBuilder(string[]? args = null, bool listenOnIpv6 = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            if (listenOnIpv6)
            {
                kestrel.Listen(IPAddress.IPv6Loopback, 0);
            }
        });
        return builder;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Ipv6Client?.Dispose();
        await _app.StopAsync(CancellationToken.None).WaitAsync(Timeout, CancellationToken.None);
        await _app.DisposeAsync().AsTask().WaitAsync(Timeout, CancellationToken.None);
    }
}

/// <summary>The principal as the endpoints report it.</summary>
internal sealed record WhoAmI(string? Id, string? Name, string? Email, string[] Roles, string? Mode, string? Metadata, string? AuthenticationType)
{
    public static WhoAmI From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindFirstValue(ClaimTypes.Name),
        user.FindFirstValue(ClaimTypes.Email),
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
        user.FindFirstValue(ParleyClaimTypes.AuthMode),
        user.FindFirstValue(ParleyClaimTypes.Metadata),
        user.Identity?.AuthenticationType);
}

/// <summary>The raw authentication result of the scheme.</summary>
internal sealed record Probe(bool Succeeded, bool None, string? Failure, string? RemoteIpAddress, WhoAmI? User);

internal static class HttpTestExtensions
{
    public static async Task<HttpResponseMessage> GetWithHeadersAsync(this HttpClient client, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(AuthTestHost.Timeout, TestContext.Current.CancellationToken);
    }

    public static async Task<T> ReadJsonAsync<T>(this HttpResponseMessage response)
    {
        var value = await response.Content.ReadFromJsonAsync<T>(TestContext.Current.CancellationToken).WaitAsync(AuthTestHost.Timeout, TestContext.Current.CancellationToken);
        return value ?? throw new InvalidOperationException("The response had no JSON body.");
    }
}
