using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Connection;

public sealed class ReconnectTests(E2EFixture fixture) : E2ETest(fixture)
{
    /// <summary>Keeps every WebSocket the page opens, so a test can cut them like a network failure would.</summary>
    private const string TrackSockets = """
        (() => {
          const Native = window.WebSocket;
          const sockets = (window.__parleySockets = []);
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              sockets.push(this);
            }
          };
        })();
        """;

    /// <summary>Closes the open sockets with a non-normal code: to the client and the server, the connection is lost.</summary>
    private const string CutSockets = "() => window.__parleySockets.filter(s => s.readyState === 1).map(s => (s.close(4000, 'network lost'), s.url)).length";

    [Fact(Timeout = Timeout)]
    public async Task After_the_network_drops_the_page_reconnects_and_the_stream_continues_where_it_was()
    {
        var page = await NewPageAsync();
        await page.AddInitScriptAsync(TrackSockets);
        await page.GotoAsync(AppUrl(StreamApp.Path));
        await WaitForChatAsync(page);
        await SendAsync(page, "stream 120 40");
        var reply = LastReply(page);
        await Expect(reply.GetByTestId("message-content")).ToContainTextAsync("w10 ");

        // New connections fail until the "network" is back. (Offline emulation would also stall the
        // close handshake of the cut socket, so the page would not even notice the loss.)
        await page.RouteAsync("**/hub/negotiate**", route => route.AbortAsync("internetdisconnected"));
        Assert.Equal(1, await page.EvaluateAsync<int>(CutSockets));
        await Expect(page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-status", "reconnecting");
        await Expect(page.GetByTestId("composer-input")).ToBeEnabledAsync();
        await page.WaitForTimeoutAsync(1500);
        await page.UnrouteAllAsync(new() { Behavior = Microsoft.Playwright.UnrouteBehavior.IgnoreErrors });

        await Expect(page.GetByTestId("connection-status")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(reply).ToHaveAttributeAsync("data-streaming", "false", new() { Timeout = 30_000 });
        var words = (await LastReply(page).GetByTestId("message-content").InnerTextAsync()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"w{i}"), words);

        await SendAndWaitAsync(page, "back online");
        await Expect(LastReply(page)).ToContainTextAsync("Echo: back online");
    }
}
