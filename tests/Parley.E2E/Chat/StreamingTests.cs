using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Chat;

public sealed class StreamingTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task A_streamed_reply_grows_while_it_streams_and_ends_complete()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await SendAsync(page, "stream 60 40");

        var reply = LastReply(page);
        await Expect(reply).ToHaveAttributeAsync("data-streaming", "true");
        await Expect(page.GetByTestId("stop-button")).ToBeVisibleAsync();
        await Expect(reply.GetByTestId("message-content")).ToContainTextAsync("w10 ");

        await Expect(reply).ToHaveAttributeAsync("data-streaming", "false", new() { Timeout = 30_000 });
        var words = (await reply.GetByTestId("message-content").InnerTextAsync()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"w{i}"), words);
        await Expect(page.GetByTestId("send-button")).ToBeVisibleAsync();
    }

    [Fact(Timeout = Timeout)]
    public async Task A_reply_streamed_as_markdown_renders_as_markdown_while_it_streams()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await SendAsync(page, "markdown slowly");

        var reply = LastReply(page);
        await Expect(reply.Locator("table tbody tr")).ToHaveCountAsync(3);
        await Expect(reply.GetByTestId("message-content")).ToContainTextAsync("Next, the museums");
        await Expect(reply).ToHaveAttributeAsync("data-streaming", "true");
        await Screenshots.SaveAsync(page, "chat-streaming");
        await Expect(reply).ToHaveAttributeAsync("data-streaming", "false", new() { Timeout = 20_000 });
    }

    [Fact(Timeout = Timeout)]
    public async Task The_stop_button_cancels_a_running_reply_and_the_chat_goes_on()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await SendAsync(page, "stream 400 30");
        var reply = LastReply(page);
        await Expect(reply.GetByTestId("message-content")).ToContainTextAsync("w5 ");

        await page.GetByTestId("stop-button").ClickAsync();

        await Expect(reply).ToHaveAttributeAsync("data-streaming", "false");
        await Expect(page.GetByTestId("send-button")).ToBeVisibleAsync();
        var stoppedAt = await reply.GetByTestId("message-content").InnerTextAsync();
        Assert.DoesNotContain("w399", stoppedAt, StringComparison.Ordinal);
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(stoppedAt, await reply.GetByTestId("message-content").InnerTextAsync());

        await SendAndWaitAsync(page, "still there?");
        await Expect(LastReply(page)).ToContainTextAsync("Echo: still there?");
    }

    [Fact(Timeout = Timeout)]
    public async Task Enter_sends_and_shift_enter_starts_a_new_line()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        var input = page.GetByTestId("composer-input");
        await input.FillAsync("line one");
        await input.PressAsync("Shift+Enter");
        await input.PressSequentiallyAsync("line two");

        Assert.Equal("line one\nline two", await input.InputValueAsync());
        await Expect(page.GetByTestId("message")).ToHaveCountAsync(0);

        await input.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=message][data-type=user_message]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("line one\\s+line two"));
        await Expect(LastReply(page)).ToContainTextAsync("Echo: line one");
        await Expect(input).ToHaveValueAsync("");
    }

    [Fact(Timeout = Timeout)]
    public async Task Starters_on_an_empty_chat_send_their_message()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await Expect(page.GetByTestId("empty-chat")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("starter")).ToHaveCountAsync(2);

        await page.GetByTestId("starter").Filter(new() { HasText = "Say hello" }).ClickAsync();

        await Expect(page.Locator("[data-testid=message][data-type=user_message]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("hello"));
        await Expect(LastReply(page)).ToContainTextAsync("Echo: hello");
        await Expect(page.GetByTestId("empty-chat")).ToHaveCountAsync(0);
    }
}
