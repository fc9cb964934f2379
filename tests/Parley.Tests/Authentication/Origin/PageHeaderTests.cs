using Parley.Tests.Authentication.Modes;

namespace Parley.Tests.Authentication.Origin;

/// <summary>The web UI page's own defences against other sites: no framing, no inline script, no caching.</summary>
public sealed class PageHeaderTests
{
    [Fact]
    public async Task The_web_ui_page_cannot_be_framed_runs_no_inline_script_and_is_not_cached()
    {
        await using var host = await ModesTestHost.StartAsync(new Dictionary<string, string?>());
        using var client = host.CreateClient();

        using var page = await client.GetAsync("/", TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", csp);
        Assert.DoesNotContain("'unsafe-eval'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(page.Headers.CacheControl?.NoStore);
    }
}
