using System.Text.Json;
using Microsoft.Playwright;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Copilot;

/// <summary>
/// The copilot widget on a shop page of Parley's own origin (cookie sign-in, works today); see
/// <see cref="CopilotCrossOriginTests"/> for the same widget on another origin with bearer tokens.
/// </summary>
public sealed class CopilotWidgetTests(E2EFixture fixture) : E2ETest(fixture)
{
    private async Task<IPage> OpenShopAsync(string query = "", ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        await page.GotoAsync(new Uri(Fixture.Host.BaseAddress, "host/widget.html" + query).AbsoluteUri);
        await Expect(page.GetByTestId("copilot-button")).ToBeVisibleAsync();
        return page;
    }

    private static async Task OpenPanelAsync(IPage page)
    {
        await page.GetByTestId("copilot-button").ClickAsync();
        await Expect(page.GetByTestId("copilot-panel")).ToBeVisibleAsync();
        await WaitForChatAsync(page);
    }

    [Fact(Timeout = Timeout)]
    public async Task The_widget_opens_from_its_button_and_streams_replies_without_touching_the_page_styles()
    {
        var page = await OpenShopAsync();
        var probeBefore = await ProbeStyleAsync(page);
        Assert.Equal(0, await page.Locator("parley-copilot").EvaluateAsync<int>("host => host.shadowRoot ? 0 : 1"));

        await OpenPanelAsync(page);
        await Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Shop assistant");
        await SendAsync(page, "stream 25 20");
        await Expect(LastReply(page)).ToHaveAttributeAsync("data-streaming", "false", new() { Timeout = 20_000 });
        await Expect(LastReply(page).GetByTestId("message-content")).ToHaveTextAsync(string.Join(' ', Enumerable.Range(0, 25).Select(i => $"w{i}")));
        await SendAndWaitAsync(page, "Do you have tents?");
        await Screenshots.SaveAsync(page, "copilot");

        Assert.Equal(probeBefore, await ProbeStyleAsync(page));
        await page.GetByTestId("copilot-close").ClickAsync();
        await Expect(page.GetByTestId("copilot-panel")).Not.ToBeVisibleAsync();
        await page.GetByTestId("copilot-button").ClickAsync();
        await Expect(page.GetByTestId("message")).ToHaveCountAsync(4);
    }

    [Fact(Timeout = Timeout)]
    public async Task Hostile_host_page_css_cannot_hide_or_restyle_the_widget()
    {
        var page = await OpenShopAsync("?hostile=true");
        var button = page.GetByTestId("copilot-button");
        Assert.Equal("rgb(59, 91, 219)", await button.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        var buttonBox = (await button.BoundingBoxAsync())!;
        Assert.Equal(56, buttonBox.Width, 1);

        await OpenPanelAsync(page);
        await SendAndWaitAsync(page, "hello through hostile css");
        var reply = LastReply(page);
        await Expect(reply).ToBeVisibleAsync();
        await Expect(reply.GetByTestId("message-content")).ToHaveTextAsync("Copilot echo: hello through hostile css");
        var style = await reply.EvaluateAsync<JsonElement>("""
            m => {
              const author = getComputedStyle(m.querySelector('.message-author'));
              const text = getComputedStyle(m.querySelector('[data-testid=message-content]'));
              return { authorSize: author.fontSize, color: text.color, letterSpacing: text.letterSpacing, font: text.fontFamily };
            }
            """);
        Assert.Equal("12px", style.GetProperty("authorSize").GetString());
        Assert.Equal("rgb(29, 35, 48)", style.GetProperty("color").GetString());
        Assert.Equal("normal", style.GetProperty("letterSpacing").GetString());
        Assert.DoesNotContain("Comic", style.GetProperty("font").GetString(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "copilot-hostile-css");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_handler_calls_a_function_the_host_page_registered_and_gets_its_result()
    {
        var page = await OpenShopAsync();
        await OpenPanelAsync(page);

        await SendAndWaitAsync(page, "total");
        await Expect(LastReply(page)).ToContainTextAsync("Your cart total is 42.5 EUR.");
        Assert.Equal("[{\"currency\":\"EUR\"}]", await page.EvaluateAsync<string>("() => JSON.stringify(window.__hostCalls)"));

        await SendAndWaitAsync(page, "missing");
        await Expect(LastReply(page)).ToContainTextAsync("The page said: The host page has no function named notOnThisPage.");
    }

    [Fact(Timeout = Timeout)]
    public async Task The_host_page_sends_a_message_into_the_chat()
    {
        var page = await OpenShopAsync();
        await page.Locator("#ask-host").ClickAsync();

        await Expect(page.GetByTestId("copilot-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=message][data-type=user_message]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("total"));
        await Expect(LastReply(page)).ToContainTextAsync("Your cart total is 42.5 EUR.");
        Assert.Equal("sent", await page.EvaluateAsync<string>("() => window.__sendResult"));
    }

    [Fact(Timeout = Timeout)]
    public async Task Custom_elements_render_with_the_component_the_host_page_gave()
    {
        var page = await OpenShopAsync();
        await OpenPanelAsync(page);
        await SendAndWaitAsync(page, "card");
        await Expect(LastReply(page).GetByTestId("custom-card")).ToHaveTextAsync("Porto 19 °C");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_reload_of_the_host_page_resumes_the_thread_and_new_chat_forgets_it()
    {
        var page = await OpenShopAsync();
        await OpenPanelAsync(page);
        await SendAndWaitAsync(page, "remember me");
        var threadId = await page.EvaluateAsync<string>("() => window.widget.threadId");

        await page.ReloadAsync();
        await OpenPanelAsync(page);
        await Expect(page.GetByTestId("message").First).ToContainTextAsync("remember me");
        Assert.Equal(threadId, await page.EvaluateAsync<string>("() => window.widget.threadId"));
        var stored = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify({ ...sessionStorage })")).RootElement;
        var entry = Assert.Single(stored.EnumerateObject());
        Assert.StartsWith("parley.copilot.thread:", entry.Name, StringComparison.Ordinal);
        Assert.Equal(threadId, entry.Value.GetString());
        Assert.Equal("{}", await page.EvaluateAsync<string>("() => JSON.stringify({ ...localStorage })"));

        await page.GetByTestId("new-chat-button").ClickAsync();
        await Expect(page.GetByTestId("message")).ToHaveCountAsync(0);
        Assert.Equal("{}", await page.EvaluateAsync<string>("() => JSON.stringify({ ...sessionStorage })"));
    }

    [Fact(Timeout = Timeout)]
    public async Task Unmounting_removes_the_widget_and_closes_its_connection()
    {
        var page = await OpenShopAsync();
        var sockets = new List<IWebSocket>();
        page.WebSocket += (_, socket) =>
        {
            lock (sockets)
            {
                sockets.Add(socket);
            }
        };
        await OpenPanelAsync(page);
        await SendAndWaitAsync(page, "hello");
        var socket = sockets.Single(s => s.Url.Contains("/copilot/hub", StringComparison.Ordinal));
        Assert.False(socket.IsClosed);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        socket.Close += (_, _) => closed.TrySetResult();

        await page.EvaluateAsync("() => window.widget.unmount()");

        await Expect(page.Locator("parley-copilot")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("copilot-button")).ToHaveCountAsync(0);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        var afterUnmount = await page.EvaluateAsync<string>("() => window.widget.sendMessage('x').then(() => 'sent', e => e.message)");
        Assert.Equal("The widget was unmounted.", afterUnmount);
    }

    [Fact(Timeout = Timeout)]
    public async Task In_sidebar_mode_the_panel_docks_along_the_right_edge_at_full_height()
    {
        var page = await OpenShopAsync("?mode=sidebar");
        await OpenPanelAsync(page);
        var panel = (await page.GetByTestId("copilot-panel").BoundingBoxAsync())!;
        Assert.Equal(Desktop.Width, panel.X + panel.Width, 1);
        Assert.Equal(0, panel.Y, 1);
        Assert.Equal(Desktop.Height, panel.Height, 1);
        var button = (await page.GetByTestId("copilot-button").BoundingBoxAsync())!;
        Assert.True(button.X + button.Width <= panel.X, "The button should move beside the open sidebar.");
        var root = (await page.GetByTestId("copilot-root").BoundingBoxAsync())!;
        Assert.True(root.Height < 1, $"The widget's root should take no room in the page, but is {root.Height} px high.");
        await SendAndWaitAsync(page, "sidebar hello");
        await Screenshots.SaveAsync(page, "copilot-sidebar");
    }

    /// <summary>The computed style of a host element whose classes the widget's own CSS also uses.</summary>
    private static Task<string> ProbeStyleAsync(IPage page) =>
        page.Locator("#probe").EvaluateAsync<string>(
            "p => { const s = getComputedStyle(p); return [s.fontSize, s.fontWeight, s.color, s.fontFamily, s.marginBottom].join(' | '); }");
}
