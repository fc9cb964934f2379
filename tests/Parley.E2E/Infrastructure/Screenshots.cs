using Microsoft.Playwright;

namespace Parley.E2E.Infrastructure;

/// <summary>Screenshots of the main screens, saved to docs/screenshots/ on every run (the README shows them).</summary>
internal static class Screenshots
{
    public static string Directory => Path.Combine(Repository.Root, "docs", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Directory, name + ".png"),
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
            Timeout = 15_000,
        });
    }
}
