using System.Text.Json;
using Microsoft.Playwright;
using Parley.Tests.Fixtures;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>The happy path in Chromium: "Sign in with …", the real provider's login form, back in the chat signed in.</summary>
public sealed class OidcBrowserTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_user_signs_in_through_the_providers_login_form_and_lands_in_the_chat_signed_in()
    {
        await using var scenario = await OidcScenario.StartAsync();
        await using var chromium = await BrowserFixture.LaunchAsync();
        var page = await chromium.NewPageAsync(Timeout);
        var ct = TestContext.Current.CancellationToken;

        // The login page's button links to the start URL the configuration lists.
        using var http = new TestBrowser();
        var startUrl = (await http.ConfigAsync(scenario.App)).GetProperty("auth").GetProperty("providers")[0].GetProperty("startUrl").GetString()!;
        await page.GotoAsync(new Uri(scenario.App.BaseAddress, startUrl).ToString()).WaitAsync(Timeout, ct);

        await page.WaitForURLAsync(scenario.Provider.Issuer + "/interaction/**").WaitAsync(Timeout, ct);
        await page.Locator("#login").FillAsync("alice").WaitAsync(Timeout, ct);
        await page.Locator("#password").FillAsync(OidcScenario.Alice.Password).WaitAsync(Timeout, ct);
        await page.Locator("#submit").ClickAsync().WaitAsync(Timeout, ct);

        await page.WaitForURLAsync(scenario.App.AppUri.ToString()).WaitAsync(Timeout, ct);
        var config = await page.Context.APIRequest.GetAsync(new Uri(scenario.App.AppUri, "api/config").ToString()).WaitAsync(Timeout, ct);
        var user = JsonDocument.Parse(await config.TextAsync().WaitAsync(Timeout, ct)).RootElement.GetProperty("user");
        Assert.Equal("op:alice", user.GetProperty("identifier").GetString());
        Assert.Equal("Alice Liddell", user.GetProperty("displayName").GetString());

        // The chat itself works for the signed-in user.
        var message = page.GetByLabel("Message", new PageGetByLabelOptions { Exact = true });
        await message.FillAsync("hello from alice").WaitAsync(Timeout, ct);
        await message.PressAsync("Enter").WaitAsync(Timeout, ct);
        await page.GetByText("Echo: hello from alice").WaitForAsync().WaitAsync(Timeout, ct);
    }
}
