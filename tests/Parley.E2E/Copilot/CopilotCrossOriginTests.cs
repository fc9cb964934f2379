using System.Text.Json;
using Microsoft.Playwright;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Copilot;

/// <summary>
/// The copilot on the shop site, another origin than Parley's, signed in with HS256 bearer tokens
/// that the shop's backend mints (claims identifier, display_name, metadata; Parley:Auth:Copilot:Secret
/// and AllowedOrigins are set by the e2e host). Needs the server side of copilot tokens: CORS for
/// allowed origins, the token on the hub (access_token), signed element URLs.
/// </summary>
public sealed class CopilotCrossOriginTests(E2EFixture fixture) : E2ETest(fixture)
{
    private async Task<IPage> OpenShopAsync(string query)
    {
        var page = await NewPageAsync();
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
}
