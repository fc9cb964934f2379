using Parley.Authentication;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Parley.Protocol;
using Parley.Tests.Authentication.Modes;

namespace Parley.Tests.Authentication.Origin;

/// <summary>
/// Another site cannot open Parley's hub with the visitor's cookie: browsers send Origin on the
/// negotiate request and on every WebSocket handshake, and Parley refuses any origin but its own
/// and the configured copilot host sites.
/// </summary>
public sealed class HubOriginTests
{
    private const string Evil = "https://evil.example.test";

    private static Dictionary<string, string?> Settings() => new() { ["Parley:Auth:AllowAnonymous"] = "true" };

    private static async Task<HttpResponseMessage> NegotiateAsync(ModesTestHost host, BrowserSession browser, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "hub/negotiate?negotiateVersion=1");
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        return await browser.Client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
    }

    /// <summary>Negotiates from the app's own origin, then opens the WebSocket claiming <paramref name="origin"/>; returns the handshake's HTTP status.</summary>
    private static async Task<int> OpenWebSocketAsync(ModesTestHost host, BrowserSession browser, string? origin)
    {
        using var negotiate = await NegotiateAsync(host, browser, host.Origin);
        negotiate.EnsureSuccessStatusCode();
        var connectionToken = (await negotiate.ReadJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString()!;

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Cookie", host.CookieHeader(browser.Cookies));
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        var url = new UriBuilder(host.BaseAddress) { Scheme = "ws", Path = "/hub", Query = "id=" + Uri.EscapeDataString(connectionToken) }.Uri;
        try
        {
            await socket.ConnectAsync(url, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, TestContext.Current.CancellationToken);
            return (int)socket.HttpStatusCode;
        }
        catch (WebSocketException)
        {
            return (int)socket.HttpStatusCode;
        }
    }

    [Fact]
    public async Task Another_site_cannot_negotiate_a_connection_with_the_visitor_s_cookie()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();

        using var foreign = await NegotiateAsync(host, browser, Evil);
        using var own = await NegotiateAsync(host, browser, host.Origin);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == ParleyAuthenticationEventIds.RequestFromRefusedOrigin && e.AllText.Contains(Evil, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_site_cannot_open_the_websocket_with_the_visitor_s_cookie()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();

        Assert.Equal(403, await OpenWebSocketAsync(host, browser, Evil));
        Assert.Equal(101, await OpenWebSocketAsync(host, browser, host.Origin));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("https://evil.example.test, http://127.0.0.1")]
    [InlineData("not an origin")]
    [InlineData("http://127.0.0.1.evil.example.test")]
    public async Task A_null_malformed_or_look_alike_origin_is_refused(string origin)
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();

        using var response = await NegotiateAsync(host, browser, origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_same_host_on_another_port_is_another_origin()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();
        var otherPort = $"http://127.0.0.1:{(host.BaseAddress.Port == 65535 ? 1 : host.BaseAddress.Port + 1)}";

        using var response = await NegotiateAsync(host, browser, otherPort);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_client_without_an_origin_header_is_not_a_browser_and_may_connect()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();

        await using var hub = await host.ConnectAsync(new Dictionary<string, string> { ["Cookie"] = host.CookieHeader(browser.Cookies) });
        var ack = await hub.SendAsync(new StartChat());

        Assert.True(ack.Ok);
    }

    [Fact]
    public async Task The_rest_api_refuses_another_site_even_for_reads()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/threads");
        request.Headers.TryAddWithoutValidation("Origin", Evil);

        using var response = await browser.Client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_copilot_host_site_opens_the_hub_with_its_token_but_not_with_a_cookie()
    {
        await using var host = await ModesTestHost.StartAsync(Copilot.CopilotModeTests.Settings());
        using var browser = await host.StartBrowserSessionAsync();

        await using var withToken = await host.ConnectAsync(new Dictionary<string, string>(), Copilot.CopilotModeTests.ShopOrigin, Copilot.CopilotModeTests.Token());
        using var withCookie = await NegotiateAsync(host, browser, Copilot.CopilotModeTests.ShopOrigin);

        Assert.True((await withToken.SendAsync(new StartChat())).Ok);
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
    }
}
