using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Protocol;
using Parley.Tests.Authentication.Modes;

namespace Parley.Tests.Authentication.Copilot;

/// <summary>The copilot widget end to end: a token minted by the host site, on REST and on the hub, and nothing else.</summary>
public sealed class CopilotModeTests
{
    internal const string ShopOrigin = "https://shop.example.test";

    internal static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Auth:Copilot:Enabled"] = "true",
            ["Parley:Auth:Copilot:Secret"] = TestTokens.Secret,
            ["Parley:Auth:Copilot:AllowedOrigins:0"] = ShopOrigin,
            ["Parley:Auth:AllowAnonymous"] = "true",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    internal static string Token(string identifier = "carol", TimeSpan? lifetime = null) =>
        TestTokens.Hs256(TestTokens.Claims(DateTimeOffset.UtcNow, lifetime, identifier));

    internal static HttpRequestMessage Request(HttpMethod method, string path, string? token, string? origin = ShopOrigin)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        return request;
    }

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            return await client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task The_widget_s_token_authenticates_the_api_without_antiforgery_and_no_cookie_is_set()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var client = host.CreateClient();
        var token = Token();

        using var config = await SendAsync(client, Request(HttpMethod.Get, "api/config", token));
        var body = await config.ReadJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        Assert.Equal("carol", body.GetProperty("user").GetProperty("identifier").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("antiforgery").ValueKind);
        Assert.Contains("copilot", body.GetProperty("auth").GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
        Assert.False(config.Headers.Contains("Set-Cookie"));

        // A chat gives the user a thread; renaming it is a state change that needs no antiforgery header.
        await using (var hub = await host.ConnectAsync(new Dictionary<string, string>(), ShopOrigin, token))
        {
            await hub.SendAsync(new StartChat());
            await hub.WaitForAsync<ChatStarted>();
            await hub.SendAsync(new SendUserMessage("c1", "hello"));
            await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);
        }
        using var threads = await SendAsync(client, Request(HttpMethod.Get, "api/threads", token));
        var threadId = (await threads.ReadJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetString();
        var rename = Request(HttpMethod.Patch, $"api/threads/{threadId}", token);
        rename.Content = JsonContent.Create(new { name = "Renamed by the widget" });
        using var renamed = await SendAsync(client, rename);

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.False(threads.Headers.Contains("Set-Cookie"));
        Assert.False(renamed.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_copilot_request_leaves_the_main_app_session_on_the_same_domain_untouched()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();
        var cookiesBefore = host.CookieHeader(browser.Cookies);

        // The same browser, its cookie jar included, now talks to Parley through the widget with a token.
        using var copilot = await SendAsync(browser.Client, Request(HttpMethod.Get, "api/config", Token(), origin: null));
        var copilotUser = (await copilot.ReadJsonAsync<JsonElement>()).GetProperty("user").GetProperty("identifier").GetString();
        using var main = await browser.Client.GetAsync("api/config", TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
        var mainUser = (await main.ReadJsonAsync<JsonElement>()).GetProperty("user").GetProperty("identifier").GetString();

        Assert.Equal("carol", copilotUser);
        Assert.False(copilot.Headers.Contains("Set-Cookie"));
        Assert.Equal(browser.Identifier, mainUser);
        Assert.Equal(cookiesBefore, host.CookieHeader(browser.Cookies));
    }

    [Fact]
    public async Task The_hub_takes_the_token_from_access_token_on_the_websocket_and_the_copilot_user_chats()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        await using var hub = await host.ConnectAsync(new Dictionary<string, string>(), ShopOrigin, Token("carol"));

        Assert.True((await hub.SendAsync(new StartChat())).Ok);
        var started = await hub.WaitForAsync<ChatStarted>();
        await hub.SendAsync(new SendUserMessage("c1", "hello"));
        var reply = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);

        Assert.Equal("carol", started.User.Identifier);
        Assert.Equal("Echo for carol: hello", reply.Step.Output);
    }

    [Fact]
    public async Task An_access_token_in_the_url_is_refused_on_negotiate_and_on_the_api()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var client = host.CreateClient();
        var token = Uri.EscapeDataString(Token());

        using var negotiate = await SendAsync(client, Request(HttpMethod.Post, $"hub/negotiate?negotiateVersion=1&access_token={token}", token: null));
        using var api = await SendAsync(client, Request(HttpMethod.Get, $"api/threads?access_token={token}", token: null));
        using var longPolling = await SendAsync(client, Request(HttpMethod.Get, $"hub?id=unknown&access_token={token}", token: null));

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, longPolling.StatusCode);
    }

    [Fact]
    public async Task The_token_never_appears_in_any_log_entry_even_at_trace_level()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        var token = Token();
        await using (var hub = await host.ConnectAsync(new Dictionary<string, string>(), ShopOrigin, token))
        {
            await hub.SendAsync(new StartChat());
            await hub.WaitForAsync<ChatStarted>();
        }
        using var client = host.CreateClient();
        using var api = await SendAsync(client, Request(HttpMethod.Get, "api/threads", token));
        using var rejected = await SendAsync(client, Request(HttpMethod.Get, $"api/threads?access_token={token}", token: null));

        var entries = host.Logs.Entries.ToList();
        var signature = token.Split('.')[2];
        Assert.DoesNotContain(entries, e => e.AllText.Contains(signature, StringComparison.Ordinal));
        // The request lines were logged, query and all: only the token was taken out of them.
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)
            && e.AllText.Contains("/hub?id=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hub_connection_closes_when_its_copilot_token_expires()
    {
        await using var host = await ModesTestHost.StartAsync(Settings(("Parley:Auth:Copilot:ClockSkew", "00:00:00")));
        await using var hub = await host.ConnectAsync(new Dictionary<string, string>(), ShopOrigin, Token(lifetime: TimeSpan.FromSeconds(4)));
        Assert.True((await hub.SendAsync(new StartChat())).Ok);

        await hub.WaitForCloseAsync(TimeSpan.FromSeconds(20));

        Assert.True(hub.IsClosed);
    }

    [Fact]
    public async Task A_request_from_the_host_site_with_only_a_cookie_is_not_signed_in()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();

        using var response = await SendAsync(browser.Client, Request(HttpMethod.Get, "api/threads", token: null, origin: ShopOrigin));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }
}
