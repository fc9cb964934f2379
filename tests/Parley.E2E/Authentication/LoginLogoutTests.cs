using System.Net;
using Microsoft.Playwright;
using Parley.E2E.Host.Accounts;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Authentication;

/// <summary>Built-in accounts in the browser: register, sign in, sign out, against a host where nobody is anonymous.</summary>
public sealed class LoginLogoutTests(E2EFixture fixture) : AccountsTest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task A_visitor_is_sent_to_the_sign_in_page_and_registers_into_the_chat()
    {
        var host = await Fixture.Accounts.OpenAsync();
        var username = NewUsername("ada");
        var page = await NewPageAsync();
        await page.GotoAsync(host.AppUri.AbsoluteUri);

        await Expect(page.GetByTestId("login-page")).ToBeVisibleAsync();
        Assert.Equal(new Uri(host.AppUri, "login?returnUrl=" + Uri.EscapeDataString(host.AppUri.AbsolutePath)).AbsoluteUri, page.Url);
        await Expect(page.GetByTestId("login-page")).ToHaveAttributeAsync("data-modes", new System.Text.RegularExpressions.Regex("\\baccounts\\b"));
        await page.GetByTestId("login-tab-register").ClickAsync();
        await page.GetByTestId("register-username").FillAsync(username);
        await page.GetByTestId("register-display-name").FillAsync("Ada Lovelace");
        await page.GetByTestId("register-password").FillAsync(Password);
        await page.GetByTestId("register-submit").ClickAsync();

        await WaitForChatAsync(page);
        Assert.Equal(host.AppUri.AbsoluteUri, page.Url);
        await page.GetByTestId("user-menu").Locator("summary").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToContainTextAsync("Ada Lovelace");
        await page.Keyboard.PressAsync("Escape");
        await SendAndWaitAsync(page, "whoami");
        await Expect(LastReply(page)).ToContainTextAsync($"You are {username} (Ada Lovelace).");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_taken_user_name_is_refused_with_a_message_that_says_so()
    {
        var host = await Fixture.Accounts.OpenAsync();
        var username = NewUsername("taken");
        await RegisterAsync(host, username, "First");

        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(host.AppUri, "login").AbsoluteUri);
        await page.GetByTestId("login-tab-register").ClickAsync();
        await page.GetByTestId("register-username").FillAsync(username.ToUpperInvariant());
        await page.GetByTestId("register-password").FillAsync(Password);
        await page.GetByTestId("register-submit").ClickAsync();
        await Expect(page.GetByTestId("register-error")).ToHaveTextAsync("That user name is taken. Choose another one.");
    }

    [Fact(Timeout = Timeout)]
    public async Task Signing_in_returns_to_the_page_the_visitor_first_asked_for()
    {
        var host = await Fixture.Accounts.OpenAsync();
        var username = NewUsername("bob");
        var first = await RegisterAsync(host, username, "Bob");
        await SendAndWaitAsync(first, "remember this thread");
        var threadUrl = first.Url;
        Assert.Contains("/thread/", threadUrl, StringComparison.Ordinal);

        var page = await NewPageAsync();
        await page.GotoAsync(threadUrl);
        await Expect(page.GetByTestId("login-page")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("login-form")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "login");
        await FillSignInAsync(page, username, Password);

        await WaitForChatAsync(page);
        Assert.Equal(threadUrl, page.Url);
        await Expect(page.GetByTestId("message-content").First).ToHaveTextAsync("remember this thread");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_wrong_password_says_so_and_stays_on_the_sign_in_page()
    {
        var host = await Fixture.Accounts.OpenAsync();
        var username = NewUsername("carol");
        await RegisterAsync(host, username, "Carol");

        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(host.AppUri, "login").AbsoluteUri);
        await FillSignInAsync(page, username, "not the password");

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("The user name or password is wrong.");
        Assert.EndsWith("/team/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Null(await SessionCookieOfAsync(page));

        // An unknown user gets exactly the same answer.
        await FillSignInAsync(page, NewUsername("nobody"), "not the password");
        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("The user name or password is wrong.");
    }

    [Fact(Timeout = Timeout)]
    public async Task Too_many_attempts_say_how_long_to_wait()
    {
        var host = await Fixture.Accounts.OpenAsync();
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(host.AppUri, "login").AbsoluteUri);
        var username = NewUsername("guess");
        for (var i = 0; i < AccountsHost.AttemptsPerAccount; i++)
        {
            await FillSignInAsync(page, username, $"guess {i}");
            await Expect(page.GetByTestId("login-submit")).ToBeEnabledAsync();
            await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("The user name or password is wrong.");
        }
        await FillSignInAsync(page, username, "one more");
        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Too many attempts\. Try again in \d+ s\.$"));
    }

    [Fact(Timeout = Timeout)]
    public async Task Signing_out_ends_the_session_and_the_old_cookie_replayed_gets_nothing()
    {
        var host = await Fixture.Accounts.OpenAsync();
        var username = NewUsername("dave");
        var page = await RegisterAsync(host, username, "Dave");
        await SendAndWaitAsync(page, "hello");
        var cookie = (await SessionCookieOfAsync(page))!.Value;
        var threads = new Uri(host.AppUri, "api/threads");
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(threads, cookie));

        await ChooseFromUserMenuAsync(page, "sign-out-button");

        await Expect(page.GetByTestId("login-page")).ToBeVisibleAsync();
        Assert.Equal(new Uri(host.AppUri, "login").AbsoluteUri, page.Url);
        Assert.Null(await SessionCookieOfAsync(page));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(threads, cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(new Uri(host.AppUri, "hub/negotiate?negotiateVersion=1"), cookie));

        // The browser, too, is signed out: the chat sends it back to the sign-in page.
        await page.GotoAsync(host.AppUri.AbsoluteUri);
        await Expect(page.GetByTestId("login-page")).ToBeVisibleAsync();
    }

    [Fact(Timeout = Timeout)]
    public async Task Page_scripts_cannot_read_the_session_of_a_signed_in_user()
    {
        var host = await Fixture.Accounts.OpenAsync();
        var page = await RegisterAsync(host, NewUsername("erin"), "Erin");
        await SendAndWaitAsync(page, "hello");

        var session = await SessionCookieOfAsync(page);
        Assert.NotNull(session);
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        var visible = await page.EvaluateAsync<string>("() => document.cookie");
        Assert.DoesNotContain(SessionCookie, visible, StringComparison.Ordinal);
        Assert.DoesNotContain(session.Value, visible, StringComparison.Ordinal);
        var stored = await page.EvaluateAsync<string>("() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })");
        Assert.DoesNotContain(session.Value, stored, StringComparison.Ordinal);
        // Nor does the API hand it out: the config has no token but the antiforgery one.
        var config = await page.EvaluateAsync<string>("async () => await (await fetch('api/config')).text()");
        Assert.DoesNotContain(session.Value, config, StringComparison.Ordinal);
    }
}
