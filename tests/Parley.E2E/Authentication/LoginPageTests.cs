using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Authentication;

public sealed class LoginPageTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task The_sign_in_page_shows_the_enabled_modes_and_never_redirects_by_itself()
    {
        var page = await NewPageAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Interlocked.Increment(ref navigations);
            }
        };
        await page.GotoAsync(AppUrl(StreamApp.Path) + "login?returnUrl=%2Fstream%2F");

        var login = page.GetByTestId("login-page");
        await Expect(login).ToHaveAttributeAsync("data-modes", "anonymous copilot");
        await Expect(page.GetByTestId("login-signed-in")).ToContainTextAsync("You are signed in as Guest");
        await Expect(page.GetByTestId("login-anonymous-only")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("login-form")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("login-none")).ToHaveCountAsync(0);
        await page.WaitForTimeoutAsync(1000);
        Assert.Equal(1, navigations);
        Assert.EndsWith("/stream/login?returnUrl=%2Fstream%2F", page.Url, StringComparison.Ordinal);

        await page.GetByTestId("login-continue").ClickAsync();
        await Expect(page).ToHaveURLAsync(AppUrl(StreamApp.Path));
        await WaitForChatAsync(page);
    }

    [Fact(Timeout = Timeout)]
    public async Task The_sign_in_page_refuses_to_send_the_user_to_another_site_afterwards()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(AppUrl(StreamApp.Path) + "login?returnUrl=https%3A%2F%2Fevil.example%2F");
        await Expect(page.GetByTestId("login-continue")).ToHaveAttributeAsync("href", AppUrl(StreamApp.Path));
    }
}
