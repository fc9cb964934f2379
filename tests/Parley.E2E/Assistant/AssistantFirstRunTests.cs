using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Assistant;

/// <summary>
/// The README's promise: the assistant app started with its own settings — built-in accounts, no
/// administrator, no model — prints a setup link; the operator opens it, creates the
/// administrator, chats with the demo model, and invites a colleague.
/// </summary>
public sealed partial class AssistantFirstRunTests(E2EFixture fixture) : AccountsTest(fixture)
{
    /// <summary>The app's own appsettings.json, and no model: the settings that point it at the fake are blanked.</summary>
    private static readonly Dictionary<string, string> OutOfTheBox = new()
    {
        ["Parley__Llm__BaseUrl"] = "",
        ["Parley__Llm__ApiKey"] = "",
        ["Parley__Llm__Model"] = "",
    };

    [GeneratedRegex(@"open (?<link>http://\S+/login#setup=(?<code>[A-Za-z0-9_-]+))")]
    private static partial Regex SetupLink();

    private static async Task<(string Link, string Code)> PrintedLinkAsync(AssistantApp app)
    {
        // Printed once the server listens, which may be a moment after the port answers.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var match = SetupLink().Match(app.Output);
            if (match.Success)
            {
                return (match.Groups["link"].Value, match.Groups["code"].Value);
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("The app printed no setup link:\n" + app.Output);
    }

    [Fact(Timeout = Timeout)]
    public async Task The_operator_opens_the_printed_link_creates_the_administrator_chats_with_the_demo_model_and_invites_a_colleague()
    {
        await using var app = await AssistantApp.StartAsync(OutOfTheBox);
        var (link, code) = await PrintedLinkAsync(app);
        Assert.StartsWith(new Uri(app.BaseAddress, "login#setup=").AbsoluteUri, link, StringComparison.Ordinal);

        // Someone who reaches the fresh server without the link gets the setup form but cannot finish it.
        var early = await NewPageAsync();
        await early.GotoAsync(app.BaseAddress.AbsoluteUri);
        await Expect(early.GetByTestId("setup-form")).ToBeVisibleAsync();
        await Expect(early.GetByTestId("setup-code-hint")).ToBeVisibleAsync();
        await early.GetByTestId("setup-code").FillAsync("guessed-code");
        await FillSetupAsync(early, "mallory", Password);
        await Expect(early.GetByTestId("setup-error")).ToContainTextAsync("The setup code is not valid.");
        await Expect(early.GetByTestId("composer-input")).ToHaveCountAsync(0);

        // The operator follows the link: the code is filled in and leaves the address bar.
        var page = await NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page.GetByTestId("setup-title")).ToHaveTextAsync("First-run setup");
        await Expect(page.GetByTestId("setup-code")).ToHaveValueAsync(code);
        await Expect(page.GetByTestId("setup-code-hint")).ToHaveCountAsync(0);
        Assert.DoesNotContain("setup=", page.Url, StringComparison.Ordinal);
        await page.GetByTestId("setup-password").FillAsync(Password);
        await page.GetByTestId("setup-password-confirm").FillAsync(Password + "!");
        await page.GetByTestId("setup-submit").ClickAsync();
        await Expect(page.GetByTestId("setup-error")).ToHaveTextAsync("The two passwords differ.");
        await page.GetByTestId("setup-display-name").FillAsync("The Operator");
        await page.GetByTestId("setup-password-confirm").FillAsync(Password);
        await Expect(page.GetByTestId("setup-error")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "first-run-setup");
        await page.GetByTestId("setup-submit").ClickAsync();
        await WaitForChatAsync(page);
        Assert.Equal(app.BaseAddress.AbsoluteUri, page.Url);

        // With no model configured, the built-in demo model answers and says how to set a real one.
        await SendAsync(page, "Hello, is anybody there?");
        await Expect(LastReply(page)).ToContainTextAsync("No model is configured");
        await Expect(LastReply(page)).ToContainTextAsync("Parley:Llm:BaseUrl");
        await WaitForIdleAsync(page);
        await Expect(page.GetByTestId("thread-item").First).ToContainTextAsync("anybody there");

        // The link is spent: nobody else gets the setup form, and the administrator can sign in again.
        var late = await NewPageAsync();
        await late.GotoAsync(link);
        await Expect(late.GetByTestId("login-form")).ToBeVisibleAsync();
        await Expect(late.GetByTestId("setup-form")).ToHaveCountAsync(0);
        var again = await SignInAsync(app.BaseAddress, "admin", Password);
        await again.GetByTestId("user-menu").Locator("summary").ClickAsync();
        await Expect(again.GetByTestId("user-name")).ToContainTextAsync("The Operator");

        // Registration is by invite: the administrator hands out a link, the colleague registers with it.
        await Expect(again.GetByTestId("invite-button")).ToBeVisibleAsync();
        await again.GetByTestId("invite-button").ClickAsync();
        await again.GetByTestId("invite-create").ClickAsync();
        var invite = await again.GetByTestId("invite-link").GetAttributeAsync("href");
        var colleague = await NewPageAsync();
        await colleague.GotoAsync(invite!);
        await colleague.GetByTestId("register-username").FillAsync("grace");
        await colleague.GetByTestId("register-password").FillAsync(Password);
        await colleague.GetByTestId("register-submit").ClickAsync();
        await WaitForChatAsync(colleague);
        await colleague.GetByTestId("user-menu").Locator("summary").ClickAsync();
        await Expect(colleague.GetByTestId("invite-button")).ToHaveCountAsync(0);
        await Expect(colleague.GetByTestId("user-name")).ToContainTextAsync("grace");

        Assert.DoesNotContain(Password, app.Output, StringComparison.Ordinal);
    }

    private static async Task FillSetupAsync(IPage page, string username, string password)
    {
        await page.GetByTestId("setup-username").FillAsync(username);
        await page.GetByTestId("setup-password").FillAsync(password);
        await page.GetByTestId("setup-password-confirm").FillAsync(password);
        await page.GetByTestId("setup-submit").ClickAsync();
    }
}
