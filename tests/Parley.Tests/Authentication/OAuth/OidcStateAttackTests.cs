using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>
/// Attacks on the authorization response, against the real provider: the state and its correlation
/// cookie, the code and its PKCE verifier. Each must end with nobody signed in.
/// </summary>
public sealed class OidcStateAttackTests
{
    [Fact]
    public async Task A_callback_without_state_is_refused()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var browser = new TestBrowser();
        var callback = await browser.SignInAtProviderAsync(await browser.StartAsync(scenario.App, "op"), "alice", OidcScenario.Alice.Password);

        await AssertRefusedAsync(scenario, browser, Without(callback, "state"), "InvalidState");
    }

    [Fact]
    public async Task A_tampered_state_is_refused()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var browser = new TestBrowser();
        var callback = await browser.SignInAtProviderAsync(await browser.StartAsync(scenario.App, "op"), "alice", OidcScenario.Alice.Password);
        var state = TestBrowser.Query(callback, "state")!;
        var tampered = state[..^3] + (state[^3] == 'A' ? 'B' : 'A') + state[^2..];

        await AssertRefusedAsync(scenario, browser, With(callback, "state", tampered), "InvalidState");
    }

    [Fact]
    public async Task A_callback_started_in_another_browser_is_refused_and_does_not_sign_the_victim_in()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var attacker = new TestBrowser();
        var attackersCallback = await attacker.SignInAtProviderAsync(await attacker.StartAsync(scenario.App, "op"), "carol", OidcScenario.Carol.Password);
        using var victim = new TestBrowser();

        await AssertRefusedAsync(scenario, victim, attackersCallback, "InvalidState");
    }

    [Fact]
    public async Task A_replayed_callback_is_refused_in_the_same_browser()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var browser = new TestBrowser();
        var callback = await browser.SignInAtProviderAsync(await browser.StartAsync(scenario.App, "op"), "alice", OidcScenario.Alice.Password);
        using (var first = await browser.GetAsync(callback))
        {
            Assert.Equal(scenario.App.AppUri, TestBrowser.LocationOf(first));
        }
        await OidcSignInTests.LogoutAsync(browser, scenario.App);

        await AssertRefusedAsync(scenario, browser, callback, "InvalidState");
    }

    [Fact]
    public async Task A_replayed_callback_with_its_stolen_correlation_cookie_is_refused_because_the_code_was_used()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var victim = new TestBrowser();
        var callback = await victim.SignInAtProviderAsync(await victim.StartAsync(scenario.App, "op"), "alice", OidcScenario.Alice.Password);
        var stolenCookies = victim.Cookies.GetCookies(scenario.App.BaseAddress);
        using (var first = await victim.GetAsync(callback))
        {
            Assert.Equal(scenario.App.AppUri, TestBrowser.LocationOf(first));
        }
        using var attacker = new TestBrowser();
        attacker.Cookies.Add(stolenCookies);

        await AssertRefusedAsync(scenario, attacker, callback, "TokenEndpointFailed");
    }

    [Fact]
    public async Task A_code_injected_into_another_sign_in_fails_pkce_at_the_provider()
    {
        await using var scenario = await OidcScenario.StartAsync();
        // The victim starts a sign-in: their state, correlation cookie and PKCE verifier.
        using var victim = new TestBrowser();
        var victimsAuthorization = await victim.StartAsync(scenario.App, "op");
        // The attacker obtains a code for their own account, and injects it with the victim's state.
        using var attacker = new TestBrowser();
        var attackersCallback = await attacker.SignInAtProviderAsync(await attacker.StartAsync(scenario.App, "op"), "carol", OidcScenario.Carol.Password);
        var injected = With(attackersCallback, "state", TestBrowser.Query(victimsAuthorization, "state")!);

        await AssertRefusedAsync(scenario, victim, injected, "TokenEndpointFailed");
    }

    [Fact]
    public async Task An_authorization_request_stripped_of_pkce_is_refused_by_the_provider_and_then_by_parley()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var browser = new TestBrowser();
        var authorization = await browser.StartAsync(scenario.App, "op");
        var stripped = Without(Without(authorization, "code_challenge"), "code_challenge_method");

        var callback = await browser.RedirectOfAsync(stripped);

        Assert.StartsWith(scenario.App.CallbackUri("op"), callback.ToString());
        Assert.Equal("invalid_request", TestBrowser.Query(callback, "error"));
        await AssertRefusedAsync(scenario, browser, callback, "ProviderError");
    }

    [Fact]
    public async Task A_user_who_declines_at_the_provider_is_sent_back_with_cancelled()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var browser = new TestBrowser();
        var authorization = await browser.StartAsync(scenario.App, "op");
        var declined = new Uri(QueryHelpers.AddQueryString(scenario.App.CallbackUri("op"), new Dictionary<string, string?>
        {
            ["error"] = "access_denied",
            ["state"] = TestBrowser.Query(authorization, "state"),
        }));

        using var response = await browser.GetAsync(declined);

        Assert.Equal(new Uri(scenario.App.AppUri, "?auth_error=cancelled"), TestBrowser.LocationOf(response));
        Assert.Null(await browser.SignedInUserAsync(scenario.App));
    }

    private static async Task AssertRefusedAsync(OidcScenario scenario, TestBrowser browser, Uri callback, string failure)
    {
        using var response = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri(scenario.App.AppUri, "?auth_error=failed"), TestBrowser.LocationOf(response));
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(".parley.session=", StringComparison.Ordinal));
        Assert.Null(await browser.SignedInUserAsync(scenario.App));
        Assert.Contains(scenario.App.Logs.Entries, e => e.EventId.Id == 1300 && e.Message.Contains(failure, StringComparison.Ordinal));
        // Parley's own log lines; ASP.NET Core's request logging (Microsoft.AspNetCore.Hosting.Diagnostics) shows URLs, see docs/authentication.md.
        var code = TestBrowser.Query(callback, "code");
        var leaks = code is null ? [] : scenario.App.Logs.Entries
            .Where(e => e.Category.StartsWith("Parley", StringComparison.Ordinal) && e.AllText.Contains(code, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "The code must never be logged: " + string.Join("\n", leaks.Select(e => $"{e.Category} {e.EventId} {e.Message}")));
    }

    private static Uri Without(Uri url, string name)
    {
        var query = QueryHelpers.ParseQuery(url.Query);
        query.Remove(name);
        return new Uri(QueryHelpers.AddQueryString(url.GetLeftPart(UriPartial.Path), query));
    }

    private static Uri With(Uri url, string name, string value)
    {
        var query = QueryHelpers.ParseQuery(url.Query);
        query[name] = value;
        return new Uri(QueryHelpers.AddQueryString(url.GetLeftPart(UriPartial.Path), query));
    }
}
