using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Settings;

public sealed class SettingsTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task The_settings_panel_sends_every_value_to_the_handler_on_confirm()
    {
        var page = await OpenChatAsync(SettingsApp.Path);
        await page.GetByTestId("settings-button").ClickAsync();
        var panel = page.GetByTestId("settings-panel");
        await Expect(panel.GetByTestId("settings-field")).ToHaveCountAsync(5);
        var kinds = await panel.GetByTestId("settings-field").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.kind)");
        Assert.Equal(["select", "slider", "switch", "tags", "text"], kinds);

        await panel.Locator("[data-setting-id=model] select").SelectOptionAsync("large");
        await panel.Locator("[data-setting-id=stream] input").UncheckAsync();
        await panel.Locator("[data-setting-id=persona] input").FillAsync("Terse expert");
        await Screenshots.SaveAsync(page, "settings");
        await page.GetByTestId("settings-apply").ClickAsync();

        await Expect(panel).ToHaveCountAsync(0);
        await Expect(LastReply(page)).ToContainTextAsync("Settings saved: model=large, temperature=0.7, stream=False, persona=Terse expert");
        await SendAndWaitAsync(page, "which model?");
        await Expect(LastReply(page)).ToContainTextAsync("[large] which model?");
    }

    [Fact(Timeout = Timeout)]
    public async Task Closing_the_settings_panel_without_confirming_changes_nothing()
    {
        var page = await OpenChatAsync(SettingsApp.Path);
        await page.GetByTestId("settings-button").ClickAsync();
        var panel = page.GetByTestId("settings-panel");
        await panel.Locator("[data-setting-id=model] select").SelectOptionAsync("large");
        await page.Keyboard.PressAsync("Escape");
        await Expect(panel).ToHaveCountAsync(0);

        await SendAndWaitAsync(page, "which model?");
        await Expect(LastReply(page)).ToContainTextAsync("[small] which model?");
    }
}
