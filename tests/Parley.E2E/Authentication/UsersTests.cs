using Microsoft.Playwright;
using Parley.E2E.Host.Accounts;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Authentication;

/// <summary>The administrator's "Users…" dialog: disabling a user ends their sessions and keeps them out until enabled again.</summary>
public sealed class UsersTests(E2EFixture fixture) : AccountsTest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task An_administrator_disables_a_signed_in_user_who_is_signed_out_and_kept_out_until_enabled_again()
    {
        // A host of its own: the list holds only this test's users, so the screenshot is the same every run.
        await using var host = await AccountsHost.StartAsync(new AccountsHostSettings(), TestContext.Current.CancellationToken);
        var alice = await RegisterAsync(host, "alice", "Alice Liddell");
        var aliceClosed = WatchSocketClose(alice);
        await alice.ReloadAsync();
        await WaitForChatAsync(alice);
        await SendAndWaitAsync(alice, "still here?");

        var admin = await SignInAsync(host, AccountsHost.AdminUsername, AccountsHost.AdminPassword);
        await ChooseFromUserMenuAsync(admin, "users-button");
        var dialog = admin.GetByRole(AriaRole.Dialog, new() { Name = "Users" });
        await Expect(dialog).ToBeVisibleAsync();
        var own = dialog.Locator("[data-testid=user-item][data-username=admin]");
        var row = dialog.Locator("[data-testid=user-item][data-username=alice]");
        await Expect(own.Locator("[data-badge=admin]")).ToBeVisibleAsync();
        await Expect(own.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(row).ToContainTextAsync("Alice Liddell");

        await row.GetByRole(AriaRole.Button, new() { Name = "Disable alice" }).ClickAsync();
        await Expect(row.GetByTestId("user-confirm")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Disable alice\\? Their sessions end now\\."));
        await Screenshots.SaveAsync(admin, "users-dialog");
        await row.GetByTestId("user-confirm-disable").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-disabled", "true");
        await Expect(row.Locator("[data-badge=disabled]")).ToHaveTextAsync("disabled");

        // Alice's chat closes and her page asks her to sign in; her password no longer lets her in.
        await aliceClosed.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await Expect(alice.GetByTestId("login-page")).ToBeVisibleAsync();
        await FillSignInAsync(alice, "alice", Password);
        await Expect(alice.GetByTestId("login-error")).ToHaveTextAsync("The user name or password is wrong.");

        await row.GetByRole(AriaRole.Button, new() { Name = "Enable alice" }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-disabled", "false");
        await Expect(row.Locator("[data-badge=disabled]")).ToHaveCountAsync(0);
        await FillSignInAsync(alice, "alice", Password);
        await WaitForChatAsync(alice);
        await Expect(alice.GetByTestId("message-content").First).ToHaveTextAsync("still here?");

        // At phone width the dialog fits the screen, its buttons in view.
        await admin.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Disable alice" })).ToBeInViewportAsync();
        Assert.True(await dialog.EvaluateAsync<bool>("d => d.scrollWidth <= d.clientWidth && d.getBoundingClientRect().right <= window.innerWidth"));
    }

    [Fact(Timeout = Timeout)]
    public async Task A_user_who_is_not_an_administrator_has_no_Users_item_and_no_access_to_the_list()
    {
        var host = await Fixture.Accounts.OpenAsync();
        var page = await RegisterAsync(host, NewUsername("nina"), "Nina");
        await page.GetByTestId("user-menu").Locator("summary").ClickAsync();
        await Expect(page.GetByTestId("sessions-button")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("users-button")).ToHaveCountAsync(0);
        Assert.Equal(403, await page.EvaluateAsync<int>("() => fetch('api/auth/users').then(r => r.status)"));
    }
}
