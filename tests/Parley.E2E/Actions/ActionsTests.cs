using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Actions;

public sealed class ActionsTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task Action_buttons_run_their_callback_with_the_servers_payload()
    {
        var page = await OpenChatAsync(ActionsApp.Path);
        await SendAndWaitAsync(page, "ship it");
        var buttons = LastReply(page).GetByTestId("action-button");
        await Expect(buttons).ToHaveTextAsync(["Deploy now", "Cancel"]);

        await buttons.Filter(new() { HasText = "Deploy now" }).ClickAsync();
        await Expect(LastReply(page)).ToContainTextAsync("Deploying to prod.");
        await Expect(page.GetByTestId("action-button").Filter(new() { HasText = "Deploy now" })).ToHaveCountAsync(0);

        await page.GetByTestId("action-button").Filter(new() { HasText = "Cancel" }).ClickAsync();
        await Expect(LastReply(page)).ToContainTextAsync("Cancelled.");
    }
}
