using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Chat;

public sealed class MarkdownTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task A_markdown_reply_shows_headings_highlighted_code_tables_and_safe_links()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await SendAndWaitAsync(page, "markdown");

        var content = LastReply(page).GetByTestId("message-content");
        await Expect(content.Locator("h2")).ToHaveTextAsync("Trip plan");
        var code = content.Locator("pre code.language-csharp");
        await Expect(code).ToContainTextAsync("Console.WriteLine(days.Length);");
        await Expect(code.Locator(".tok-keyword").First).ToHaveTextAsync("var");
        await Expect(content.Locator(".code-language")).ToHaveTextAsync("csharp");
        await Expect(content.Locator("table thead th")).ToHaveTextAsync(["Day", "Area", "Budget"]);
        await Expect(content.Locator("table tbody tr")).ToHaveCountAsync(3);
        await Expect(content.Locator("li")).ToHaveCountAsync(2);
        var link = content.Locator("a", new() { HasText = "city guide" });
        await Expect(link).ToHaveAttributeAsync("href", "https://example.com/lisbon");
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
    }

    [Fact(Timeout = Timeout)]
    public async Task Raw_html_from_the_model_shows_as_text_and_unsafe_links_are_not_links()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await SendAndWaitAsync(page, "unsafe");

        var content = LastReply(page).GetByTestId("message-content");
        await Expect(content).ToContainTextAsync("<script>window.__pwned = true</script>");
        await Expect(content).ToContainTextAsync("<img src=x onerror=");
        await Expect(content.Locator("script, img, b, iframe")).ToHaveCountAsync(0);
        await Expect(content).ToContainTextAsync("a javascript link");
        await Expect(content.Locator("a")).ToHaveCountAsync(1);
        await Expect(content.Locator("a")).ToHaveAttributeAsync("href", "https://example.com/safe");

        await content.GetByText("a javascript link").ClickAsync();
        await content.GetByText("bold?", new() { Exact = false }).HoverAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
    }
}
