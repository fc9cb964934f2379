using System.Text.RegularExpressions;
using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.History;

public sealed class HistoryTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task The_history_lists_searches_renames_deletes_and_resumes_threads()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        var threads = page.GetByTestId("thread-item");
        await SendAndWaitAsync(page, "alpha trip to Lisbon");
        var alphaUrl = page.Url;
        Assert.Matches("/stream/thread/[^/]+$", alphaUrl);
        await page.GetByTestId("new-chat-button").ClickAsync();
        await Expect(page.GetByTestId("empty-chat")).ToBeVisibleAsync();
        await SendAndWaitAsync(page, "beta plans for Porto");
        await Expect(threads).ToHaveTextAsync([new Regex("beta plans for Porto"), new Regex("alpha trip to Lisbon")]);

        await page.GetByTestId("thread-search").FillAsync("alpha");
        await Expect(threads).ToHaveTextAsync([new Regex("alpha trip to Lisbon")]);
        await page.GetByTestId("thread-search").FillAsync("");
        await Expect(threads).ToHaveCountAsync(2);

        // Renaming the open thread retitles the chat at once.
        var beta = threads.Filter(new() { HasText = "beta plans" });
        await beta.GetByTestId("thread-rename-button").ClickAsync();
        await page.GetByTestId("thread-rename-input").FillAsync("Porto weekend");
        await page.GetByTestId("thread-rename-input").PressAsync("Enter");
        await Expect(threads.First).ToHaveTextAsync(new Regex("Porto weekend"));
        await Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Porto weekend");
        await Screenshots.SaveAsync(page, "history");

        // Resume the other thread from the history.
        await threads.Filter(new() { HasText = "alpha trip" }).Locator(".thread-open").ClickAsync();
        await Expect(page).ToHaveURLAsync(alphaUrl);
        await Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("alpha trip to Lisbon");
        await Expect(LastReply(page)).ToContainTextAsync("Echo: alpha trip to Lisbon");
        await SendAndWaitAsync(page, "and one more");
        await Expect(LastReply(page)).ToContainTextAsync("Echo: and one more");

        // Delete the renamed one; it stays gone after a reload.
        var renamed = threads.Filter(new() { HasText = "Porto weekend" });
        await renamed.HoverAsync();
        await renamed.GetByTestId("thread-delete-button").ClickAsync();
        await renamed.GetByTestId("thread-delete-confirm").ClickAsync();
        await Expect(threads).ToHaveTextAsync([new Regex("alpha trip to Lisbon")]);
        await page.ReloadAsync();
        await WaitForChatAsync(page);
        await Expect(threads).ToHaveTextAsync([new Regex("alpha trip to Lisbon")]);
        await Expect(page.GetByTestId("message")).ToHaveCountAsync(4);
    }

    [Fact(Timeout = Timeout)]
    public async Task Another_browser_has_its_own_history()
    {
        var first = await OpenChatAsync(StreamApp.Path);
        await SendAndWaitAsync(first, "only mine");
        await Expect(first.GetByTestId("thread-item")).ToHaveCountAsync(1);

        var second = await OpenChatAsync(StreamApp.Path);
        await Expect(second.GetByTestId("thread-sidebar")).ToContainTextAsync("No chats yet.");
        await second.GotoAsync(first.Url);
        await Expect(second.GetByTestId("error-banner")).ToBeVisibleAsync();
        await Expect(second.GetByText("only mine")).ToHaveCountAsync(0);
    }
}
