using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Layout;

public sealed class PhoneLayoutTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task At_360_pixels_the_chat_fits_without_sideways_scrolling_and_history_is_a_drawer()
    {
        var page = await OpenChatAsync(StreamApp.Path, Phone);
        await SendAndWaitAsync(page, "markdown");
        await SendAsync(page, "stream 30 20");
        await WaitForIdleAsync(page);

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The page scrolls sideways at 360 px.");
        foreach (var testId in new[] { "composer-input", "send-button", "attach-button", "message-list" })
        {
            var box = (await page.GetByTestId(testId).BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 360.5, $"{testId} sticks out of the screen: x={box.X}, width={box.Width}.");
        }
        // A wide table scrolls inside the message instead of widening the page.
        var table = Replies(page).First.Locator(".table-scroll");
        await Expect(table).ToHaveCountAsync(1);
        Assert.True((await table.BoundingBoxAsync())!.Width <= 360);

        var sidebar = page.GetByTestId("thread-sidebar");
        await Expect(sidebar).Not.ToBeInViewportAsync();
        await Screenshots.SaveAsync(page, "phone");

        await page.GetByTestId("sidebar-toggle").ClickAsync();
        await Expect(sidebar).ToBeInViewportAsync();
        await Expect(page.GetByTestId("thread-item")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "phone-history");
        await page.GetByTestId("thread-item").Locator(".thread-open").ClickAsync();
        await Expect(sidebar).Not.ToBeInViewportAsync();
    }
}
