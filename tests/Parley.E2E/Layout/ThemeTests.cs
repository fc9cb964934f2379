using Microsoft.Playwright;
using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Layout;

public sealed class ThemeTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task The_theme_follows_the_system_until_toggled_and_the_choice_survives_a_reload()
    {
        var page = await OpenChatAsync(StreamApp.Path, colorScheme: ColorScheme.Dark);
        var app = page.GetByTestId("parley-app");
        await Expect(app).ToHaveAttributeAsync("data-theme", "dark");

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(app).ToHaveAttributeAsync("data-theme", "light");
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(app).ToHaveAttributeAsync("data-theme", "dark");
        var background = await app.EvaluateAsync<string>("el => getComputedStyle(el).backgroundColor");
        Assert.Equal("rgb(22, 24, 29)", background);

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.ReloadAsync();
        await WaitForChatAsync(page);
        await Expect(app).ToHaveAttributeAsync("data-theme", "dark");
        Assert.Equal("dark", await page.EvaluateAsync<string>("() => localStorage.getItem('parley.theme')"));

        await SendAndWaitAsync(page, "markdown");
        await Screenshots.SaveAsync(page, "dark-theme");
    }
}
