using System.Text.Json;
using Microsoft.Playwright;
using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Copilot;

/// <summary>
/// The copilot on the shop site, another origin than Parley's, signed in with HS256 bearer tokens
/// that the shop's backend mints (claims identifier, display_name, metadata; Parley:Auth:Copilot:Enabled,
/// Secret and AllowedOrigins are set by the e2e host): CORS for the shop only, the token on the
/// hub's WebSocket (access_token), signed element URLs.
/// </summary>
public sealed class CopilotCrossOriginTests(E2EFixture fixture) : E2ETest(fixture)
{
    private async Task<IPage> OpenShopAsync(string query, IPage? page = null)
    {
        page ??= await NewPageAsync();
        await page.GotoAsync(new Uri(Fixture.Host.HostSiteAddress, query).AbsoluteUri);
        await page.GetByTestId("copilot-button").ClickAsync();
        await WaitForChatAsync(page);
        return page;
    }

    [Fact(Timeout = Timeout)]
    public async Task The_widget_on_another_origin_chats_as_the_user_its_token_names()
    {
        var page = await OpenShopAsync("?user=ada%40shop.example");
        await SendAndWaitAsync(page, "whoami");
        await Expect(LastReply(page)).ToContainTextAsync("You are ada@shop.example (Ada).");

        await SendAndWaitAsync(page, "total");
        await Expect(LastReply(page)).ToContainTextAsync("Your cart total is 42.5 EUR.");
        await SendAndWaitAsync(page, "card");
        await Expect(LastReply(page).GetByTestId("custom-card")).ToHaveTextAsync("Porto 19 °C");
        await Screenshots.SaveAsync(page, "copilot-cross-origin");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_refused_token_is_replaced_by_one_from_the_host_and_no_token_is_stored()
    {
        var page = await OpenShopAsync("?user=bob&token=bad");
        await SendAndWaitAsync(page, "whoami");
        await Expect(LastReply(page)).ToContainTextAsync("You are bob (Ada).");
        Assert.True(await page.EvaluateAsync<int>("() => window.__tokenFetches") >= 1);

        var storage = await page.EvaluateAsync<string>("() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie");
        Assert.DoesNotContain("eyJ", storage, StringComparison.Ordinal);
        var parleyCookies = await page.Context.CookiesAsync([Fixture.Host.BaseAddress.AbsoluteUri]);
        Assert.DoesNotContain(parleyCookies, c => c.Name == ".parley.session");
    }

    [Fact(Timeout = Timeout)]
    public async Task Another_origin_without_a_token_gets_no_chat()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(Fixture.Host.HostSiteAddress, "?user=eve").AbsoluteUri);
        var answer = await page.EvaluateAsync<JsonElement>(
            "async url => { try { const r = await fetch(url, { credentials: 'include' }); return { status: r.status }; } catch (e) { return { error: String(e) }; } }",
            new Uri(Fixture.Host.BaseAddress, "copilot/api/threads").AbsoluteUri);
        Assert.True(answer.TryGetProperty("error", out _) || answer.GetProperty("status").GetInt32() == 401);
    }

    [Fact(Timeout = Timeout)]
    public async Task The_widget_and_the_app_in_another_tab_each_keep_their_own_sign_in()
    {
        // The app in one tab, with its own (anonymous) session cookie.
        var app = await OpenChatAsync(CopilotApp.Path);
        await SendAndWaitAsync(app, "whoami");
        var appUser = await LastReply(app).GetByTestId("message-content").InnerTextAsync();
        Assert.StartsWith("You are anonymous:", appUser, StringComparison.Ordinal);
        var cookie = Assert.Single(await app.Context.CookiesAsync([Fixture.Host.BaseAddress.AbsoluteUri]), c => c.Name == ".parley.session");

        // The copilot on the shop, in another tab of the same browser, signed in by its token.
        var shop = await OpenShopAsync("?user=ada%40shop.example", await NewPageAsync(app.Context));
        await SendAndWaitAsync(shop, "whoami");
        await Expect(LastReply(shop)).ToContainTextAsync("You are ada@shop.example (Ada).");

        // Neither signed the other out, nor became the other.
        await SendAndWaitAsync(app, "whoami");
        await Expect(LastReply(app).GetByTestId("message-content")).ToHaveTextAsync(appUser);
        var after = Assert.Single(await app.Context.CookiesAsync([Fixture.Host.BaseAddress.AbsoluteUri]), c => c.Name == ".parley.session");
        Assert.Equal(cookie.Value, after.Value);
        await app.ReloadAsync();
        await WaitForChatAsync(app);
        await SendAndWaitAsync(app, "whoami");
        await Expect(LastReply(app).GetByTestId("message-content")).ToHaveTextAsync(appUser);
        await SendAndWaitAsync(shop, "whoami");
        await Expect(LastReply(shop)).ToContainTextAsync("You are ada@shop.example (Ada).");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_token_about_to_expire_is_replaced_by_a_fresh_one_from_the_host_before_it_is_used()
    {
        var page = await OpenShopAsync("?user=cleo&ttl=20");
        Assert.True(await page.EvaluateAsync<int>("() => window.__tokenFetches") >= 1);
        await SendAndWaitAsync(page, "whoami");
        await Expect(LastReply(page)).ToContainTextAsync("You are cleo (Ada).");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_handler_calls_a_function_of_the_host_page()
    {
        var page = await OpenShopAsync("?user=dora");
        await page.Locator("#ask-host").ClickAsync();
        await Expect(LastReply(page)).ToContainTextAsync("Your cart total is 42.5 EUR.");
        Assert.Equal("sent", await page.EvaluateAsync<string>("() => window.__sendResult"));
        Assert.Equal("EUR", await page.EvaluateAsync<string>("() => window.__hostCalls[0].currency"));
        await SendAndWaitAsync(page, "missing");
        await Expect(LastReply(page)).ToContainTextAsync("The page said:");
    }

    [Fact(Timeout = Timeout)]
    public async Task An_image_element_shows_in_the_widget_through_a_signed_link()
    {
        var page = await OpenShopAsync("?user=emil");
        await SendAndWaitAsync(page, "image");
        var image = LastReply(page).Locator("[data-testid=element][data-element-type=image] img");
        await Expect(image).ToBeVisibleAsync();
        var src = await image.GetAttributeAsync("src");
        Assert.StartsWith(Fixture.Host.BaseAddress.AbsoluteUri, src, StringComparison.Ordinal);
        Assert.Contains("sig=", src, StringComparison.Ordinal);
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.Equal(160, await image.EvaluateAsync<int>("img => img.naturalWidth"));

        // The link is the user's: without its signature the same URL shows nothing.
        var unsigned = src!.Split('?')[0];
        var status = await page.EvaluateAsync<int>("async url => (await fetch(url, { credentials: 'omit' })).status", unsigned);
        Assert.NotEqual(200, status);
    }
}
