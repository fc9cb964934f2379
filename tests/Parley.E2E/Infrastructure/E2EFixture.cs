using Microsoft.Playwright;
using Parley.E2E.Host;

[assembly: AssemblyFixture(typeof(Parley.E2E.Infrastructure.E2EFixture))]

namespace Parley.E2E.Infrastructure;

/// <summary>
/// One e2e host (Parley with an app per feature, and a shop site on another origin) and one
/// headless Chromium for the whole run. Each test gets its own browser context: its own cookies,
/// hence its own anonymous user and history.
/// </summary>
public sealed class E2EFixture : IAsyncLifetime
{
    /// <summary>How long a Playwright action or assertion waits before failing.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];

    private IPlaywright? _playwright;

    public E2EHost Host { get; private set; } = null!;

    /// <summary>Hosts with built-in accounts (no anonymous users), started when a test first asks.</summary>
    public AccountsHosts Accounts { get; } = new();

    public IBrowser? Browser { get; private set; }

    /// <summary>Why there is no browser (Chromium missing outside CI), or null.</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var chromium = ChromiumLocator.Find();
        if (chromium is null)
        {
            if (ChromiumLocator.IsCi)
            {
                throw new InvalidOperationException("Browser tests cannot run in CI: " + ChromiumLocator.MissingMessage);
            }
            Unavailable = ChromiumLocator.MissingMessage;
            return;
        }
        Assertions.SetDefaultExpectTimeout((float)DefaultTimeout.TotalMilliseconds);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        Host = await E2EHost.StartAsync(cancellationToken: timeout.Token);
        _playwright = await Playwright.CreateAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        _playwright?.Dispose();
        await Accounts.DisposeAsync();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
