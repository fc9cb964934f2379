using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication.TrustedHeader;

namespace Parley.Tests.Authentication.TrustedHeader;

/// <summary>
/// Peer addresses a loopback socket cannot produce (public IPv6, IPv4-mapped IPv6), set on an
/// in-memory TestServer request before the pipeline runs, as a socket's address would be.
/// </summary>
public sealed class TrustedHeaderPeerAddressTests
{
    [Theory]
    [InlineData("2001:db8::/32", "2001:db8::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("fd00::/8", "fd12:3456::1", true)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "::ffff:11.1.2.3", false)]
    [InlineData("10.0.0.1", "::ffff:10.0.0.1", true)]
    [InlineData("::ffff:10.0.0.0/104", "10.20.30.40", true)]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1", true)]
    [InlineData("10.0.0.0/8", "2001:db8::5", false)]
    public async Task A_peer_is_trusted_exactly_when_it_falls_in_a_listed_range(string trustedProxy, string peer, bool trusted)
    {
        await using var app = await StartAsync(trustedProxy);

        var (succeeded, none) = await AuthenticateAsync(app, IPAddress.Parse(peer), "alice");

        Assert.Equal(trusted, succeeded);
        Assert.Equal(!trusted, none);
    }

    private static async Task<WebApplication> StartAsync(string trustedProxy)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication().AddParleyTrustedHeader(options => options.TrustedProxies = [trustedProxy]);
        var app = builder.Build();
        app.MapGet("/probe", async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync(TrustedHeaderDefaults.AuthenticationScheme);
            return new[] { result.Succeeded, result.None };
        });
        await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(AuthTestHost.Timeout, TestContext.Current.CancellationToken);
        return app;
    }

    private static async Task<(bool Succeeded, bool None)> AuthenticateAsync(WebApplication app, IPAddress peer, string user)
    {
        var ct = TestContext.Current.CancellationToken;
        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/probe";
            c.Request.Headers["X-WEBAUTH-USER"] = user;
            c.Connection.RemoteIpAddress = peer;
        }, ct).WaitAsync(AuthTestHost.Timeout, ct);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var result = await JsonSerializer.DeserializeAsync<bool[]>(context.Response.Body, cancellationToken: ct).AsTask().WaitAsync(AuthTestHost.Timeout, ct);
        return (result![0], result[1]);
    }
}
