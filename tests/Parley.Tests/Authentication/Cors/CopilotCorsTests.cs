using System.Net;
using Microsoft.AspNetCore.Builder;
using Parley.Tests.Authentication.Copilot;
using Parley.Tests.Authentication.Modes;

namespace Parley.Tests.Authentication.Cors;

/// <summary>CORS on the app's /api and /hub, for the configured copilot host sites only, matched exactly.</summary>
public sealed class CopilotCorsTests
{
    private const string Shop = CopilotModeTests.ShopOrigin;

    private static Task<ModesTestHost> StartAsync() => ModesTestHost.StartAsync(CopilotModeTests.Settings(), map: app =>
    {
        ModesTestHost.MapEchoApp(app);
        app.MapGet("/host/own-endpoint", () => "the host app's own endpoint");
    });

    private static async Task<HttpResponseMessage> PreflightAsync(ModesTestHost host, string path, string origin, string method, string headers)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", method);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", headers);
        return await client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task A_preflight_from_the_host_site_is_allowed_for_that_origin_exactly_with_credentials()
    {
        await using var host = await StartAsync();

        using var api = await PreflightAsync(host, "/api/threads/t1", Shop, "PATCH", "authorization,content-type");
        using var negotiate = await PreflightAsync(host, "/hub/negotiate?negotiateVersion=1", Shop, "POST", "authorization,x-requested-with,x-signalr-user-agent");

        foreach (var response in new[] { api, negotiate })
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal(Shop, Header(response, "Access-Control-Allow-Origin"));
            Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        }
        Assert.Contains("PATCH", Header(api, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("authorization", Header(api, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example.test")]
    [InlineData("null")]
    [InlineData("http://shop.example.test")]
    [InlineData("https://shop.example.test:8443")]
    [InlineData("https://shop.example.test.evil.example.test")]
    [InlineData("https://sub.shop.example.test")]
    public async Task A_preflight_from_any_other_origin_gets_no_cors_headers(string origin)
    {
        await using var host = await StartAsync();

        using var response = await PreflightAsync(host, "/api/threads", origin, "GET", "authorization");

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Api_answers_to_the_host_site_carry_cors_headers_401s_included()
    {
        await using var host = await StartAsync();
        using var client = host.CreateClient();

        using var ok = await CopilotModeTests.SendAsync(client, CopilotModeTests.Request(HttpMethod.Get, "api/config", CopilotModeTests.Token()));
        using var unauthorized = await CopilotModeTests.SendAsync(client, CopilotModeTests.Request(HttpMethod.Get, "api/threads", token: null));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(Shop, Header(ok, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(ok, "Access-Control-Allow-Credentials"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(Shop, Header(unauthorized, "Access-Control-Allow-Origin"));
        Assert.NotEqual("*", Header(ok, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_web_ui_and_the_host_app_s_own_endpoints_get_no_cors_headers()
    {
        await using var host = await StartAsync();
        using var client = host.CreateClient();

        using var ui = await CopilotModeTests.SendAsync(client, CopilotModeTests.Request(HttpMethod.Get, "/", token: null));
        using var own = await CopilotModeTests.SendAsync(client, CopilotModeTests.Request(HttpMethod.Get, "/host/own-endpoint", token: null));
        using var preflight = await PreflightAsync(host, "/host/own-endpoint", Shop, "GET", "authorization");

        Assert.Null(Header(ui, "Access-Control-Allow-Origin"));
        Assert.Null(Header(own, "Access-Control-Allow-Origin"));
        Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_copilot_host_sites_there_is_no_cors_at_all()
    {
        await using var host = await ModesTestHost.StartAsync(new Dictionary<string, string?>());

        using var response = await PreflightAsync(host, "/api/threads", Shop, "GET", "authorization");

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }
}
