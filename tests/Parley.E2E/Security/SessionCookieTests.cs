using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;

namespace Parley.E2E.Security;

public sealed class SessionCookieTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task Page_scripts_cannot_read_the_session_cookie_the_browser_holds()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await SendAndWaitAsync(page, "hello");

        var cookies = await page.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == ".parley.session");
        Assert.True(session.HttpOnly);
        Assert.Equal(Microsoft.Playwright.SameSiteAttribute.Lax, session.SameSite);

        var visible = await page.EvaluateAsync<string>("() => document.cookie");
        Assert.DoesNotContain(".parley.session", visible, StringComparison.Ordinal);
        Assert.DoesNotContain(session.Value, visible, StringComparison.Ordinal);
        var stored = await page.EvaluateAsync<string>("() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })");
        Assert.DoesNotContain(session.Value, stored, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task The_chat_page_forbids_inline_scripts_and_framing()
    {
        var page = await NewPageAsync();
        var response = await page.GotoAsync(AppUrl(StreamApp.Path));
        var csp = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        await WaitForChatAsync(page);
        var ran = await page.EvaluateAsync<bool>("""
            () => new Promise(resolve => {
              window.__inline = false;
              const s = document.createElement('script');
              s.textContent = 'window.__inline = true';
              document.body.appendChild(s);
              setTimeout(() => resolve(window.__inline), 50);
            })
            """);
        Assert.False(ran);
    }
}
