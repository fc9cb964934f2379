using System.Text.Json;
using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Authentication;

public sealed class AnonymousSignInTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task A_new_browser_chats_at_once_as_a_guest_of_its_own()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await page.GetByTestId("user-menu").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToContainTextAsync("Guest");
        await Expect(page.GetByTestId("sign-out-button")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("sign-in-link")).ToHaveCountAsync(0);

        var config = JsonDocument.Parse(await page.EvaluateAsync<string>("async () => JSON.stringify(await (await fetch('api/config')).json())")).RootElement;
        var auth = config.GetProperty("auth");
        Assert.True(auth.GetProperty("signedIn").GetBoolean());
        Assert.Equal(["anonymous", "copilot"], auth.GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
        var me = config.GetProperty("user").GetProperty("identifier").GetString();

        var other = await OpenChatAsync(StreamApp.Path);
        var otherConfig = JsonDocument.Parse(await other.EvaluateAsync<string>("async () => JSON.stringify(await (await fetch('api/config')).json())")).RootElement;
        Assert.NotEqual(me, otherConfig.GetProperty("user").GetProperty("identifier").GetString());
    }
}
