using Parley.E2E.Host.Accounts;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Authentication;

/// <summary>Registration by invite: the administrator (from configuration) creates a code in the user menu.</summary>
public sealed class InviteTests(E2EFixture fixture) : AccountsTest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task An_administrator_invites_someone_who_registers_through_the_invite_link()
    {
        var host = await Fixture.Accounts.InviteOnlyAsync();
        var admin = await SignInAsync(host, AccountsHost.AdminUsername, AccountsHost.AdminPassword);
        await admin.GetByTestId("user-menu").Locator("summary").ClickAsync();
        await Expect(admin.GetByTestId("invite-button")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("change-password-button")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(admin, "user-menu");
        await admin.GetByTestId("invite-button").ClickAsync();
        await admin.GetByTestId("invite-create").ClickAsync();
        var code = await admin.GetByTestId("invite-code").TextContentAsync();
        Assert.False(string.IsNullOrWhiteSpace(code));
        var link = await admin.GetByTestId("invite-link").GetAttributeAsync("href");

        // Without the code there is no registering.
        var stranger = await NewPageAsync();
        await stranger.GotoAsync(new Uri(host.AppUri, "login").AbsoluteUri);
        await stranger.GetByTestId("login-tab-register").ClickAsync();
        await stranger.GetByTestId("register-invite").FillAsync("made-up-code");
        await stranger.GetByTestId("register-username").FillAsync(NewUsername("eve"));
        await stranger.GetByTestId("register-password").FillAsync(Password);
        await stranger.GetByTestId("register-submit").ClickAsync();
        await Expect(stranger.GetByTestId("register-error")).ToHaveTextAsync("The invite code is not valid: it may be mistyped, expired or already used.");

        var invited = await NewPageAsync();
        await invited.GotoAsync(link!);
        await Expect(invited.GetByTestId("register-invite")).ToHaveValueAsync(code!);
        var username = NewUsername("ivan");
        await invited.GetByTestId("register-username").FillAsync(username);
        await invited.GetByTestId("register-password").FillAsync(Password);
        await invited.GetByTestId("register-submit").ClickAsync();
        await WaitForChatAsync(invited);
        await SendAndWaitAsync(invited, "whoami");
        await Expect(LastReply(invited)).ToContainTextAsync($"You are {username} (");
    }
}
