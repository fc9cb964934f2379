using Microsoft.Playwright;

namespace Parley.Tests.Fixtures;

/// <summary>
/// Headless Chromium driven by Playwright: Debian's /usr/bin/chromium, never a downloaded browser.
/// Without it the test is skipped, except on CI (CI=true), where it fails.
/// </summary>
public sealed class BrowserFixture : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright _playwright;

    private BrowserFixture(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<BrowserFixture> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            const string message = "Chromium (/usr/bin/chromium) is needed for browser tests. Run scripts/install-prereqs.sh.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException(message);
            }
            Assert.Skip(message);
        }
        var timeout = TimeSpan.FromSeconds(60);
        var playwright = await Playwright.CreateAsync().WaitAsync(timeout, TestContext.Current.CancellationToken);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = (float)timeout.TotalMilliseconds,
            }).WaitAsync(timeout, TestContext.Current.CancellationToken);
            return new BrowserFixture(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh browser context (its own cookies) with a page whose actions time out after <paramref name="timeout"/>.</summary>
    public async Task<IPage> NewPageAsync(TimeSpan timeout)
    {
        var context = await Browser.NewContextAsync().WaitAsync(timeout, TestContext.Current.CancellationToken);
        context.SetDefaultTimeout((float)timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)timeout.TotalMilliseconds);
        return await context.NewPageAsync().WaitAsync(timeout, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        _playwright.Dispose();
    }
}
