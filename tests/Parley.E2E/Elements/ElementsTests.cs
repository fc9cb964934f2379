using System.Text.Json;
using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Elements;

public sealed class ElementsTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task Every_element_type_renders_in_the_message_from_its_owner_checked_url()
    {
        var page = await OpenChatAsync(ElementsApp.Path);
        await SendAndWaitAsync(page, "all");
        var reply = LastReply(page);
        var elements = reply.GetByTestId("element");
        await Expect(elements).ToHaveCountAsync(8);
        var types = await elements.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.elementType)");
        Assert.Equal(["image", "pdf", "audio", "video", "text", "file", "custom", "custom"], types);

        var image = reply.Locator("[data-element-type=image] img");
        await Expect(image).ToHaveAttributeAsync("alt", "chart.png");
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth === 160", await image.ElementHandleAsync());

        var pdf = reply.Locator("[data-element-type=pdf] iframe");
        Assert.Equal("application/pdf", await ContentTypeAsync(page, await pdf.GetAttributeAsync("src")));

        var audio = reply.Locator("[data-element-type=audio] audio");
        await page.WaitForFunctionAsync("a => a.readyState >= 1 && Math.abs(a.duration - 0.5) < 0.05", await audio.ElementHandleAsync());

        var video = reply.Locator("[data-element-type=video] video");
        Assert.Equal("video/webm", await ContentTypeAsync(page, await video.GetAttributeAsync("src")));

        var text = reply.Locator("[data-element-type=text]");
        await Expect(text.Locator("pre")).ToHaveTextAsync("Plain text, shown as is: <b>not bold</b>");
        await Expect(text.Locator("b")).ToHaveCountAsync(0);

        var file = reply.Locator("[data-element-type=file] a");
        await Expect(file).ToHaveAttributeAsync("download", "data.csv");
        var download = await page.RunAndWaitForDownloadAsync(() => file.ClickAsync());
        Assert.Equal("data.csv", download.SuggestedFilename);
        var saved = await download.PathAsync();
        Assert.Equal("city,days\nLisbon,3\nPorto,2\n", await File.ReadAllTextAsync(saved, TestContext.Current.CancellationToken));

        var custom = reply.Locator("[data-element-type=custom]");
        await Expect(custom.Nth(0).GetByTestId("custom-card")).ToHaveTextAsync("Lisbon 21 °C");
        await Expect(custom.Nth(1).GetByTestId("custom-element-json")).ToContainTextAsync("\"note\": \"no component for me\"");
        // Tall enough to show the whole answer at once.
        await page.SetViewportSizeAsync(Desktop.Width, 1240);
        await reply.EvaluateAsync("m => m.scrollIntoView({ block: 'start' })");
        await Screenshots.SaveAsync(page, "elements");
    }

    [Fact(Timeout = Timeout)]
    public async Task Side_elements_open_in_the_side_panel_and_page_elements_over_the_chat()
    {
        var page = await OpenChatAsync(ElementsApp.Path);
        await SendAndWaitAsync(page, "panels");
        var links = LastReply(page).GetByTestId("element-link");
        await Expect(links).ToHaveTextAsync(["query.sql", "full-report.pdf"]);
        var panel = page.GetByTestId("element-panel");
        await Expect(panel).ToHaveCountAsync(0);

        await links.Nth(0).ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("data-display", "side");
        await Expect(panel.Locator("pre")).ToHaveTextAsync("SELECT city, days FROM trips;");
        var box = (await panel.BoundingBoxAsync())!;
        Assert.True(box.X > 280, "The side panel should sit beside the messages, on the right.");
        await page.GetByTestId("element-panel-close").ClickAsync();
        await Expect(panel).ToHaveCountAsync(0);

        await links.Nth(1).ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("data-display", "page");
        await Expect(panel.Locator("iframe")).ToHaveAttributeAsync("title", "full-report.pdf");
        var chat = (await page.GetByTestId("chat-view").BoundingBoxAsync())!;
        var pageBox = (await panel.BoundingBoxAsync())!;
        Assert.Equal(chat.Width, pageBox.Width, 1);
        await page.Keyboard.PressAsync("Escape");
        await Expect(panel).ToHaveCountAsync(0);
    }

    /// <summary>Fetches an element URL in the page (with its cookie) and returns the Content-Type.</summary>
    private static async Task<string> ContentTypeAsync(Microsoft.Playwright.IPage page, string? url)
    {
        Assert.NotNull(url);
        var result = await page.EvaluateAsync<JsonElement>(
            "async url => { const r = await fetch(url); return { status: r.status, type: r.headers.get('content-type') }; }", url);
        Assert.Equal(200, result.GetProperty("status").GetInt32());
        return result.GetProperty("type").GetString()!.Split(';')[0];
    }
}
