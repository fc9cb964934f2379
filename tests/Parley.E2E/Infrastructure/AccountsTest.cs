using System.Net;
using Microsoft.Playwright;
using Parley.E2E.Host.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Infrastructure;

/// <summary>
/// Base of the tests against an app with built-in accounts (an <see cref="AccountsHost"/>, or a
/// sample run as a process): registering and signing in through the sign-in page, as a user would.
/// Each test registers users of its own (unique names), so tests share the host without sharing
/// accounts or throttling counters.
/// </summary>
public abstract class AccountsTest(E2EFixture fixture) : E2ETest(fixture)
{
    protected const string Password = "correct horse battery staple";

    /// <summary>The session cookie's name on plain HTTP (HTTPS uses __Host-parley.session).</summary>
    protected const string SessionCookie = ".parley.session";

    /// <summary>A user name no other test uses: "ada-1f2e3d4c".</summary>
    protected static string NewUsername(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Opens the app in a new browser context, registers there through the sign-in page, and waits for the chat.</summary>
    protected Task<IPage> RegisterAsync(AccountsHost host, string username, string displayName) => RegisterAsync(host.AppUri, username, displayName);

    /// <summary>Opens the app at <paramref name="appUri"/> in a new browser context, registers there through the sign-in page, and waits for the chat.</summary>
    protected async Task<IPage> RegisterAsync(Uri appUri, string username, string displayName)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(appUri.AbsoluteUri);
        await Expect(page.GetByTestId("login-page")).ToBeVisibleAsync();
        await page.GetByTestId("login-tab-register").ClickAsync();
        await page.GetByTestId("register-username").FillAsync(username);
        await page.GetByTestId("register-display-name").FillAsync(displayName);
        await page.GetByTestId("register-password").FillAsync(Password);
        await page.GetByTestId("register-submit").ClickAsync();
        await WaitForChatAsync(page);
        return page;
    }

    /// <summary>Opens the sign-in page in a new browser context, signs in, and waits for the chat.</summary>
    protected Task<IPage> SignInAsync(AccountsHost host, string username, string password = Password) => SignInAsync(host.AppUri, username, password);

    /// <summary>Opens the sign-in page of the app at <paramref name="appUri"/> in a new browser context, signs in, and waits for the chat.</summary>
    protected async Task<IPage> SignInAsync(Uri appUri, string username, string password = Password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(appUri, "login").AbsoluteUri);
        await FillSignInAsync(page, username, password);
        await WaitForChatAsync(page);
        return page;
    }

    protected static async Task FillSignInAsync(IPage page, string username, string password)
    {
        await page.GetByTestId("login-username").FillAsync(username);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }

    /// <summary>Opens the account menu and clicks one of its items.</summary>
    protected static async Task ChooseFromUserMenuAsync(IPage page, string testId)
    {
        await page.GetByTestId("user-menu").Locator("summary").ClickAsync();
        await page.GetByTestId(testId).ClickAsync();
    }

    /// <summary>Resolves when the page's chat WebSocket closes; watch before the page connects.</summary>
    protected static TaskCompletionSource WatchSocketClose(IPage page)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/hub", StringComparison.Ordinal))
            {
                socket.Close += (_, _) => closed.TrySetResult();
            }
        };
        return closed;
    }

    protected static async Task<BrowserContextCookiesResult?> SessionCookieOfAsync(IPage page) =>
        (await page.Context.CookiesAsync()).SingleOrDefault(c => c.Name == SessionCookie);

    /// <summary>The status of a GET sent from outside the browser with only <paramref name="cookie"/>, as a replayed cookie would be.</summary>
    protected static async Task<HttpStatusCode> StatusWithCookieAsync(Uri url, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(15) };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", $"{SessionCookie}={cookie}");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
