using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Settings;

public sealed class ProfilesTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task Picking_a_chat_profile_starts_a_new_chat_with_its_starters_and_handler_profile()
    {
        var page = await OpenChatAsync(ProfilesApp.Path);
        var picker = page.GetByTestId("profile-picker");
        await Expect(picker).ToHaveValueAsync("Quick");
        await Expect(page.GetByTestId("starter")).ToHaveTextAsync([new System.Text.RegularExpressions.Regex("^Quick tip")]);
        await SendAndWaitAsync(page, "hi");
        await Expect(LastReply(page)).ToContainTextAsync("Profile Quick: hi");

        await picker.SelectOptionAsync("Thorough");

        await Expect(page.GetByTestId("empty-chat")).ToBeVisibleAsync();
        await Expect(picker).ToHaveValueAsync("Thorough");
        await page.GetByTestId("starter").Filter(new() { HasText = "Deep dive" }).ClickAsync();
        await Expect(LastReply(page)).ToContainTextAsync("Profile Thorough: Explain it in depth");
    }
}
