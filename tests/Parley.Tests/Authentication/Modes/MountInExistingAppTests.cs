using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Authentication.Modes;

/// <summary>
/// samples/MountInExistingApp: an app with its own login form and cookie, Parley at /chat using
/// that sign-in. Signs in through the app's form, then chats over /chat's hub as that user.
/// </summary>
public sealed partial class MountInExistingAppTests : IAsyncLifetime
{
    private AppProcess _app = null!;
    private string _dataDirectory = null!;

    public async ValueTask InitializeAsync() => (_app, _dataDirectory) = await SampleApps.StartAsync("MountInExistingApp");

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder eventually.
        }
    }

    private HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress, Timeout = ModesTestHost.Timeout };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        return await client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
    }

    /// <summary>Fills in and posts the app's own login form, as a browser would.</summary>
    private static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string userName, string password)
    {
        using var form = await SendAsync(client, HttpMethod.Get, "/account/login?returnUrl=%2Fchat%2F");
        var html = await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, "The login form has no antiforgery field:\n" + html);
        var fields = new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["ReturnUrl"] = "/chat/",
            ["UserName"] = userName,
            ["Password"] = password,
        };
        return await SendAsync(client, HttpMethod.Post, "/account/login", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken)" value="(?<value>[^"]+)">""")]
    private static partial Regex AntiforgeryField();

    [Fact]
    public async Task A_visitor_who_logs_in_with_the_host_s_form_chats_over_the_hub_as_that_user()
    {
        var cookies = new CookieContainer();
        using var client = Client(cookies);

        using var login = await LogInAsync(client, "alice", "wonderland");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/chat/", login.Headers.Location!.OriginalString);

        using var config = await SendAsync(client, HttpMethod.Get, "/chat/api/config");
        var body = await config.ReadJsonAsync<JsonElement>();
        Assert.Equal("alice", body.GetProperty("user").GetProperty("identifier").GetString());
        Assert.Equal(["host"], body.GetProperty("auth").GetProperty("modes").EnumerateArray().Select(m => m.GetString()!).ToArray());

        await using var hub = await HubClient.ConnectAsync(new Uri(_app.BaseAddress, "/chat/hub"),
            new Dictionary<string, string> { ["Cookie"] = cookies.GetCookieHeader(_app.BaseAddress) }, cancellationToken: TestContext.Current.CancellationToken);
        await hub.SendAsync(new StartChat());
        var started = await hub.WaitForAsync<ChatStarted>();
        await hub.SendAsync(new SendUserMessage("c1", "where is my order?"));
        var reply = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);

        Assert.Equal("alice", started.User.Identifier);
        Assert.Equal("Hello Alice Liddell, you said: where is my order?", reply.Step.Output);
    }

    [Fact]
    public async Task A_visitor_who_is_not_signed_in_gets_the_host_s_login_for_the_ui_and_401_from_the_api_and_hub()
    {
        using var client = Client(new CookieContainer());

        using var page = await SendAsync(client, HttpMethod.Get, "/chat/");
        using var api = await SendAsync(client, HttpMethod.Get, "/chat/api/threads");
        using var negotiate = await SendAsync(client, HttpMethod.Post, "/chat/hub/negotiate?negotiateVersion=1");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", page.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fchat%2F", page.Headers.Location.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_signs_nobody_in()
    {
        var cookies = new CookieContainer();
        using var client = Client(cookies);

        using var login = await LogInAsync(client, "alice", "not-the-password");
        using var api = await SendAsync(client, HttpMethod.Get, "/chat/api/threads");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }
}
