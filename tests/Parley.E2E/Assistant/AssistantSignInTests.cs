using Parley.E2E.Infrastructure;
using Parley.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Assistant;

/// <summary>The assistant app with built-in accounts: nobody chats before signing in on the sign-in page.</summary>
public sealed class AssistantSignInTests(E2EFixture fixture, AssistantAppFixture app) : AssistantTest(fixture, app)
{
    [Fact(Timeout = Timeout)]
    public async Task The_administrator_signs_in_on_the_sign_in_page_and_chats_with_the_configured_model()
    {
        var logged = App.Output.Length;
        var page = await NewPageAsync();
        await page.GotoAsync(App.BaseAddress.AbsoluteUri);

        await Expect(page.GetByTestId("login-page")).ToBeVisibleAsync();
        Assert.Equal(new Uri(App.BaseAddress, "login?returnUrl=%2F").AbsoluteUri, page.Url);
        await Expect(page.GetByTestId("login-page")).ToHaveAttributeAsync("data-modes", "accounts");
        await Expect(page.GetByTestId("login-guest-link")).ToHaveCountAsync(0);
        await FillSignInAsync(page, AssistantApp.AdminUsername, AssistantApp.AdminPassword);

        await WaitForChatAsync(page);
        Assert.Equal(App.BaseAddress.AbsoluteUri, page.Url);
        await Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Parley Assistant");
        await page.GetByTestId("user-menu").Locator("summary").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToContainTextAsync(AssistantApp.AdminUsername);
        await Expect(page.GetByTestId("sign-out-button")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");

        EnqueueFirstExchange(FakeReply.Text("Signed", " in and", " answering."), "Greeting the administrator");
        await AskAsync(page, "Hello from the administrator", "Signed in and answering.");
        var request = RequestFor("Hello from the administrator");
        Assert.Equal(FakeReply.ModelName, request.Model);
        Assert.Equal("Bearer " + AssistantApp.ApiKey, request.Header("Authorization"));
        Assert.Equal("system: " + DefaultInstructions, request.Transcript[0]);

        // The operator's secrets never reach the console, and signing in and chatting log no warning.
        Assert.DoesNotContain(AssistantApp.AdminPassword, App.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(AssistantApp.ApiKey, App.Output, StringComparison.Ordinal);
        var lines = App.Output[logged..].Split('\n');
        Assert.DoesNotContain(lines, line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal));
    }

    [Fact(Timeout = Timeout)]
    public async Task A_wrong_password_keeps_the_visitor_on_the_sign_in_page_away_from_the_chat()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(App.BaseAddress, "login").AbsoluteUri);
        await FillSignInAsync(page, AssistantApp.AdminUsername, "not the password");

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("The user name or password is wrong.");
        await page.GotoAsync(App.BaseAddress.AbsoluteUri);
        await Expect(page.GetByTestId("login-page")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("composer-input")).ToHaveCountAsync(0);
        Assert.Null(await SessionCookieOfAsync(page));
    }
}
