using Parley.E2E.Host.Accounts;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Authentication;

/// <summary>"Sign in with …" on Parley's sign-in page against a real OpenID Provider (npm oidc-provider).</summary>
public sealed class OAuthSignInTests(E2EFixture fixture) : AccountsTest(fixture)
{
    private async Task<AccountsHost> HostWithProviderAsync()
    {
        var host = await Fixture.Accounts.OpenAsync();
        if (Fixture.Accounts.Provider is null)
        {
            Assert.Skip(Fixture.Accounts.ProviderUnavailable ?? "No OpenID Provider.");
        }
        return host;
    }

    [Fact(Timeout = Timeout)]
    public async Task Signing_in_with_the_provider_from_the_sign_in_page_lands_in_the_chat_signed_in()
    {
        var host = await HostWithProviderAsync();
        var page = await NewPageAsync();
        await page.GotoAsync(host.AppUri.AbsoluteUri);

        var button = page.GetByTestId("login-provider");
        await Expect(button).ToHaveTextAsync($"Sign in with {AccountsHost.ProviderName}");
        await button.ClickAsync();

        await page.WaitForURLAsync(Fixture.Accounts.Provider!.Issuer + "/interaction/**");
        await page.Locator("#login").FillAsync(AccountsHosts.Grace.Login);
        await page.Locator("#password").FillAsync(AccountsHosts.Grace.Password);
        await page.Locator("#submit").ClickAsync();

        await page.WaitForURLAsync(host.AppUri.AbsoluteUri);
        await WaitForChatAsync(page);
        await page.GetByTestId("user-menu").Locator("summary").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToContainTextAsync("Grace Hopper");
        await Expect(page.GetByTestId("sessions-button")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("change-password-button")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        await SendAndWaitAsync(page, "whoami");
        await Expect(LastReply(page)).ToContainTextAsync($"You are {AccountsHost.ProviderId}:grace (Grace Hopper).");

        // Signing out ends the session here and at the provider, which sends the browser back.
        await ChooseFromUserMenuAsync(page, "sign-out-button");
        await page.WaitForURLAsync(Fixture.Accounts.Provider.Issuer + "/**");
        var confirm = page.Locator("button[name=logout], button[value=yes]");
        if (await confirm.CountAsync() > 0)
        {
            await confirm.First.ClickAsync();
        }
        await Expect(page.GetByTestId("login-page")).ToBeVisibleAsync();
        Assert.Null(await SessionCookieOfAsync(page));
    }

    [Fact(Timeout = Timeout)]
    public async Task A_failed_provider_sign_in_comes_back_to_a_message_not_a_loop()
    {
        var host = await HostWithProviderAsync();
        var page = await NewPageAsync();
        // Page loads only: the app puts the sign-in page's URL in the address bar without one.
        var loads = 0;
        page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest && request.Frame == page.MainFrame)
            {
                Interlocked.Increment(ref loads);
            }
        };
        // Where Parley's callback sends the browser when the user declined at the provider.
        await page.GotoAsync(new Uri(host.AppUri, "?auth_error=cancelled").AbsoluteUri);

        await Expect(page.GetByTestId("login-auth-error")).ToHaveTextAsync("Sign-in was cancelled at the provider. Try again when you are ready.");
        await Expect(page.GetByTestId("login-provider")).ToBeVisibleAsync();
        Assert.Equal(new Uri(host.AppUri, "login?auth_error=cancelled").AbsoluteUri, page.Url);
        Assert.Equal(1, loads);
    }
}
