using System.Net;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Authentication;

/// <summary>One account in two browsers: the sessions list, revoking one, signing out everywhere, changing the password.</summary>
public sealed class SessionsTests(E2EFixture fixture) : AccountsTest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task Signing_out_everywhere_from_another_browser_closes_the_chat_here_and_asks_to_sign_in()
    {
        var host = await Fixture.Accounts.OpenAsync();
        var username = NewUsername("frank");
        await RegisterAsync(host, username, "Frank");

        // The first browser: signed in, chatting.
        var here = await NewPageAsync();
        var socketClosed = WatchSocketClose(here);
        await here.GotoAsync(new Uri(host.AppUri, "login").AbsoluteUri);
        await FillSignInAsync(here, username, Password);
        await WaitForChatAsync(here);
        await SendAndWaitAsync(here, "still here?");
        var cookie = (await SessionCookieOfAsync(here))!.Value;

        var elsewhere = await SignInAsync(host, username);
        await ChooseFromUserMenuAsync(elsewhere, "sign-out-everywhere-button");
        await Expect(elsewhere.GetByTestId("login-page")).ToBeVisibleAsync();

        await socketClosed.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await Expect(here.GetByTestId("login-page")).ToBeVisibleAsync();
        Assert.StartsWith(new Uri(host.AppUri, "login?returnUrl=").AbsoluteUri, here.Url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(new Uri(host.AppUri, "api/threads"), cookie));

        // Signing in again brings the user back to the thread they were in.
        await FillSignInAsync(here, username, Password);
        await WaitForChatAsync(here);
        await Expect(here.GetByTestId("message-content").First).ToHaveTextAsync("still here?");
    }

    [Fact(Timeout = Timeout)]
    public async Task The_sessions_list_shows_both_browsers_and_signing_one_out_ends_its_chat()
    {
        var host = await Fixture.Accounts.OpenAsync();
        var username = NewUsername("grete");
        var first = await RegisterAsync(host, username, "Grete");
        var firstClosed = WatchSocketClose(first);
        await first.ReloadAsync();
        await WaitForChatAsync(first);
        var second = await SignInAsync(host, username);

        await ChooseFromUserMenuAsync(second, "sessions-button");
        var dialog = second.GetByTestId("sessions-dialog");
        var items = dialog.GetByTestId("session-item");
        await Expect(items).ToHaveCountAsync(2);
        await Expect(items.First).ToHaveAttributeAsync("data-current", "true");
        await Expect(items.First).ToContainTextAsync("This browser");
        await Expect(items.Nth(1)).ToHaveAttributeAsync("data-current", "false");
        await Expect(items.Nth(1)).ToContainTextAsync("Chrome on Linux");
        await Screenshots.SaveAsync(second, "sessions");

        await items.Nth(1).GetByTestId("session-revoke").ClickAsync();
        await Expect(items).ToHaveCountAsync(1);

        // The other browser's chat is closed and it is asked to sign in; this one carries on.
        await firstClosed.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await Expect(first.GetByTestId("login-page")).ToBeVisibleAsync();
        await dialog.GetByTestId("dialog-close").ClickAsync();
        await SendAndWaitAsync(second, "whoami");
        await Expect(LastReply(second)).ToContainTextAsync($"You are {username} (Grete).");
    }

    [Fact(Timeout = Timeout)]
    public async Task Changing_the_password_signs_out_the_other_browser_and_keeps_this_one()
    {
        var host = await Fixture.Accounts.OpenAsync();
        var username = NewUsername("hedy");
        var first = await RegisterAsync(host, username, "Hedy");
        var second = await SignInAsync(host, username);

        await ChooseFromUserMenuAsync(second, "change-password-button");
        await second.GetByTestId("password-current").FillAsync(Password);
        await second.GetByTestId("password-new").FillAsync("a brand new password");
        await second.GetByTestId("password-confirm").FillAsync("a brand new password");
        await second.GetByTestId("password-submit").ClickAsync();
        await Expect(second.GetByTestId("password-done")).ToBeVisibleAsync();
        await second.GetByTestId("dialog-close").ClickAsync();

        await Expect(first.GetByTestId("login-page")).ToBeVisibleAsync();
        await SendAndWaitAsync(second, "still signed in");
        await Expect(LastReply(second)).ToContainTextAsync("Echo: still signed in");

        await FillSignInAsync(first, username, Password);
        await Expect(first.GetByTestId("login-error")).ToHaveTextAsync("The user name or password is wrong.");
        await FillSignInAsync(first, username, "a brand new password");
        await WaitForChatAsync(first);
    }
}
