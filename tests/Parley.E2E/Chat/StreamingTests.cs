using Microsoft.Playwright;
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
        await Screenshots.SaveAsync(page, "chat-streaming");

        await Expect(reply).ToHaveAttributeAsync("data-streaming", "false", new() { Timeout = 30_000 });
        var words = (await reply.GetByTestId("message-content").InnerTextAsync()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"w{i}"), words);
        await Expect(page.GetByTestId("send-button")).ToBeVisibleAsync();
    }
}
