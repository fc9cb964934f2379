using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Infrastructure;

/// <summary>
/// Base of the browser tests: pages in fresh browser contexts (each its own anonymous user),
/// helpers for the chat, and a check that no page threw an uncaught error.
/// </summary>
public abstract class E2ETest(E2EFixture fixture) : IAsyncDisposable
{
    /// <summary>The longest a single test may take.</summary>
    public const int Timeout = 120_000;

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _pageErrors = [];

    protected E2EFixture Fixture => fixture;

    /// <summary>The URL of an app of the e2e host, e.g. "/stream" → http://127.0.0.1:port/stream/.</summary>
    protected string AppUrl(string appPath) => Fixture.Host.App(appPath).AbsoluteUri;

    /// <summary>A new browser context (cookies, storage) with one page.</summary>
    protected async Task<IPage> NewPageAsync(ViewportSize? viewport = null, ColorScheme colorScheme = ColorScheme.Light)
    {
        if (Fixture.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }
        var context = await Fixture.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? Desktop,
            ColorScheme = colorScheme,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout((float)E2EFixture.DefaultTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout(30_000);
        _contexts.Add(context);
        return await NewPageAsync(context);
    }

    /// <summary>Another page in the same context (same user).</summary>
    protected async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.PageError += (_, error) =>
        {
            lock (_pageErrors)
            {
                _pageErrors.Add($"{page.Url}: {error}");
            }
        };
        return page;
    }

    /// <summary>Opens an app in a new context and waits until its chat has started.</summary>
    protected async Task<IPage> OpenChatAsync(string appPath, ViewportSize? viewport = null, ColorScheme colorScheme = ColorScheme.Light)
    {
        var page = await NewPageAsync(viewport, colorScheme);
        await page.GotoAsync(AppUrl(appPath));
        await WaitForChatAsync(page);
        return page;
    }

    protected static async Task WaitForChatAsync(IPage page) =>
        await Expect(page.GetByTestId("composer-input")).ToBeEnabledAsync();

    /// <summary>Types a message and presses Enter.</summary>
    protected static async Task SendAsync(IPage page, string text)
    {
        var input = page.GetByTestId("composer-input");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    /// <summary>Sends a message and waits until the handler finished answering.</summary>
    protected static async Task SendAndWaitAsync(IPage page, string text)
    {
        var before = await page.GetByTestId("message").CountAsync();
        await SendAsync(page, text);
        await Expect(page.GetByTestId("message")).Not.ToHaveCountAsync(before);
        await WaitForIdleAsync(page);
    }

    /// <summary>Waits until no handler runs (the send button is back in place of stop).</summary>
    protected static async Task WaitForIdleAsync(IPage page)
    {
        await Expect(page.GetByTestId("stop-button")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=message][data-streaming=true]")).ToHaveCountAsync(0);
    }

    protected static ILocator Replies(IPage page) => page.Locator("[data-testid=message][data-type=assistant_message]");

    protected static ILocator LastReply(IPage page) => Replies(page).Last;

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        GC.SuppressFinalize(this);
        string[] errors;
        lock (_pageErrors)
        {
            errors = [.. _pageErrors];
        }
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("Uncaught errors in the page:\n" + string.Join("\n", errors));
        }
    }
}
