using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Authentication.Modes;
using Parley.Data;
using Parley.Hosting;
using Parley.Protocol;
using Parley.Tests.Authentication.Modes;

namespace Parley.Tests.Authentication.Copilot;

/// <summary>
/// Files shown in the copilot: an &lt;img src&gt; cannot send a bearer token, so element links
/// sent to copilot clients carry a short-lived signature bound to the file and the user.
/// </summary>
public sealed class SignedElementUrlTests
{
    private static async Task<ElementDto> ImageFromCopilotChatAsync(ModesTestHost host, string identifier)
    {
        await using var hub = await host.ConnectAsync(new Dictionary<string, string>(), CopilotModeTests.ShopOrigin, CopilotModeTests.Token(identifier));
        await hub.SendAsync(new StartChat());
        await hub.WaitForAsync<ChatStarted>();
        await hub.SendAsync(new SendUserMessage("c1", "image"));
        var element = (await hub.WaitForAsync<ElementEvent>()).Element;
        await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);
        return element;
    }

    private static async Task<HttpResponseMessage> GetAnonymouslyAsync(ModesTestHost host, string url)
    {
        using var client = host.CreateClient();
        return await client.GetAsync(url, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
    }

    private static async Task<string> UserIdAsync(ModesTestHost host, string identifier) =>
        (await host.Services.GetRequiredService<IUserStore>().FindByIdentifierAsync(identifier, TestContext.Current.CancellationToken))!.Id;

    private static SignedElementUrls SignerAt(ModesTestHost host, DateTimeOffset now) => new(
        host.Services.GetRequiredService<IDataProtectionProvider>(),
        new FakeTimeProvider(now),
        host.Services.GetRequiredService<IOptions<ParleyOptions>>());

    private static string Link(ElementDto element, string signature) =>
        $"/api/elements/{element.Id}?sig={Uri.EscapeDataString(signature)}";

    [Fact]
    public async Task A_copilot_client_gets_signed_links_that_download_without_any_credentials()
    {
        await using var host = await ModesTestHost.StartAsync(CopilotModeTests.Settings());
        var element = await ImageFromCopilotChatAsync(host, "carol");

        using var response = await GetAnonymouslyAsync(host, element.Url!);

        Assert.Contains("?sig=", element.Url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ModesTestHost.TinyPng, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_with_a_session_cookie_gets_plain_links_that_need_the_cookie()
    {
        await using var host = await ModesTestHost.StartAsync(CopilotModeTests.Settings());
        using var browser = await host.StartBrowserSessionAsync();
        ElementDto element;
        await using (var hub = await host.ConnectAsync(new Dictionary<string, string> { ["Cookie"] = host.CookieHeader(browser.Cookies) }))
        {
            await hub.SendAsync(new StartChat());
            await hub.WaitForAsync<ChatStarted>();
            await hub.SendAsync(new SendUserMessage("c1", "image"));
            element = (await hub.WaitForAsync<ElementEvent>()).Element;
        }

        using var anonymous = await GetAnonymouslyAsync(host, element.Url!);
        using var withCookie = await browser.Client.GetAsync(element.Url, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);

        Assert.DoesNotContain("sig=", element.Url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
    }

    [Fact]
    public async Task The_thread_api_signs_links_for_a_token_and_not_for_a_cookie()
    {
        await using var host = await ModesTestHost.StartAsync(CopilotModeTests.Settings());
        await ImageFromCopilotChatAsync(host, "carol");
        using var client = host.CreateClient();
        var token = CopilotModeTests.Token("carol");
        using var list = await CopilotModeTests.SendAsync(client, CopilotModeTests.Request(HttpMethod.Get, "api/threads", token));
        var threadId = (await list.ReadJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetString();

        using var detail = await CopilotModeTests.SendAsync(client, CopilotModeTests.Request(HttpMethod.Get, $"api/threads/{threadId}", token));
        var url = (await detail.ReadJsonAsync<JsonElement>()).GetProperty("elements")[0].GetProperty("url").GetString()!;
        using var download = await GetAnonymouslyAsync(host, url);

        Assert.Contains("?sig=", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    [Fact]
    public async Task An_expired_signature_reads_as_not_found()
    {
        await using var host = await ModesTestHost.StartAsync(CopilotModeTests.Settings());
        var element = await ImageFromCopilotChatAsync(host, "carol");
        var signedAnHourAgo = SignerAt(host, DateTimeOffset.UtcNow.AddHours(-1)).Sign(element.Id, await UserIdAsync(host, "carol"));

        using var response = await GetAnonymouslyAsync(host, Link(element, signedAnHourAgo));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_signature_made_for_another_user_reads_as_not_found()
    {
        await using var host = await ModesTestHost.StartAsync(CopilotModeTests.Settings());
        var carols = await ImageFromCopilotChatAsync(host, "carol");
        await ImageFromCopilotChatAsync(host, "dave");
        var forDave = SignerAt(host, DateTimeOffset.UtcNow).Sign(carols.Id, await UserIdAsync(host, "dave"));

        using var response = await GetAnonymouslyAsync(host, Link(carols, forDave));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_signature_for_another_file_reads_as_not_found()
    {
        await using var host = await ModesTestHost.StartAsync(CopilotModeTests.Settings());
        var first = await ImageFromCopilotChatAsync(host, "carol");
        var second = await ImageFromCopilotChatAsync(host, "carol");
        var signatureOfFirst = new Uri(new Uri("http://x"), first.Url).Query["?sig=".Length..];

        using var response = await GetAnonymouslyAsync(host, $"/api/elements/{second.Id}?sig={signatureOfFirst}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_tampered_signature_reads_as_not_found()
    {
        await using var host = await ModesTestHost.StartAsync(CopilotModeTests.Settings());
        var element = await ImageFromCopilotChatAsync(host, "carol");
        var signature = Uri.UnescapeDataString(new Uri(new Uri("http://x"), element.Url).Query["?sig=".Length..]);
        var middle = signature.Length / 2;
        var tampered = signature[..middle] + (signature[middle] == 'A' ? 'B' : 'A') + signature[(middle + 1)..];

        using var response = await GetAnonymouslyAsync(host, Link(element, tampered));
        using var garbage = await GetAnonymouslyAsync(host, Link(element, "not-a-signature"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
    }
}
