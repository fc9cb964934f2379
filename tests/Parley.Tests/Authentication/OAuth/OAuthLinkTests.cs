using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>
/// Linking a second identity to an account: only for the signed-in user, never onto an identity
/// that belongs to someone else. The account signs in with the real provider (<c>op</c>); the
/// identity to link comes from another issuer (<c>fake</c>).
/// </summary>
public sealed class OAuthLinkTests : IAsyncLifetime
{
    private FakeIdentityProvider _idp = null!;
    private OidcScenario _scenario = null!;

    public async ValueTask InitializeAsync()
    {
        _idp = await FakeIdentityProvider.StartAsync();
        _scenario = await OidcScenario.StartAsync(settings: _idp.Settings());
    }

    public async ValueTask DisposeAsync()
    {
        await _scenario.DisposeAsync();
        await _idp.DisposeAsync();
    }

    private OAuthTestApp App => _scenario.App;

    [Fact]
    public async Task A_signed_in_user_links_another_provider_and_can_then_sign_in_with_it()
    {
        using var alice = new TestBrowser();
        using (var _ = await alice.SignInAsync(App, "op", "alice", OidcScenario.Alice.Password))
        {
        }

        var authorization = await StartLinkAsync(alice, "fake");
        using (var linked = await alice.GetAsync(await alice.RedirectOfAsync(authorization)))
        {
            Assert.Equal(App.AppUri, TestBrowser.LocationOf(linked));
        }
        Assert.Equal("op:alice", await alice.SignedInUserAsync(App));

        using var elsewhere = new TestBrowser();
        using var callback = await elsewhere.GetAsync(await elsewhere.RedirectOfAsync(await elsewhere.StartAsync(App, "fake")));
        Assert.Equal("op:alice", await elsewhere.SignedInUserAsync(App));
    }

    [Fact]
    public async Task Linking_needs_a_signed_in_user()
    {
        using var browser = new TestBrowser();

        using var response = await browser.Http.PostAsync(new Uri(App.AppUri, "api/auth/oauth/fake/link"), null, TestContext.Current.CancellationToken)
            .WaitAsync(OAuthTestApp.Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Linking_without_the_antiforgery_token_is_refused()
    {
        using var alice = new TestBrowser();
        using (var _ = await alice.SignInAsync(App, "op", "alice", OidcScenario.Alice.Password))
        {
        }

        using var response = await alice.Http.PostAsync(new Uri(App.AppUri, "api/auth/oauth/fake/link"), null, TestContext.Current.CancellationToken)
            .WaitAsync(OAuthTestApp.Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_identity_that_belongs_to_another_account_is_not_linked()
    {
        using (var owner = new TestBrowser())
        {
            using var _ = await owner.GetAsync(await owner.RedirectOfAsync(await owner.StartAsync(App, "fake")));
            Assert.Equal("fake:fake-user", await owner.SignedInUserAsync(App));
        }
        using var alice = new TestBrowser();
        using (var _ = await alice.SignInAsync(App, "op", "alice", OidcScenario.Alice.Password))
        {
        }

        var authorization = await StartLinkAsync(alice, "fake");
        using var refused = await alice.GetAsync(await alice.RedirectOfAsync(authorization));

        Assert.Equal(new Uri(App.AppUri, "?auth_error=link_conflict"), TestBrowser.LocationOf(refused));
        using var elsewhere = new TestBrowser();
        using var callback = await elsewhere.GetAsync(await elsewhere.RedirectOfAsync(await elsewhere.StartAsync(App, "fake")));
        Assert.Equal("fake:fake-user", await elsewhere.SignedInUserAsync(App));
    }

    [Fact]
    public async Task A_link_completed_after_the_browser_switched_accounts_is_refused()
    {
        using var browser = new TestBrowser();
        using (var _ = await browser.SignInAsync(App, "op", "alice", OidcScenario.Alice.Password))
        {
        }
        var authorization = await StartLinkAsync(browser, "fake");
        await OidcSignInTests.LogoutAsync(browser, App);
        browser.ForgetCookiesOf(new Uri(_scenario.Provider.Issuer));
        using (var _ = await browser.SignInAsync(App, "op", "carol", OidcScenario.Carol.Password))
        {
        }

        Assert.Equal("op:carol", await browser.SignedInUserAsync(App));

        using var refused = await browser.GetAsync(await browser.RedirectOfAsync(authorization));

        Assert.Equal(new Uri(App.AppUri, "?auth_error=failed"), TestBrowser.LocationOf(refused));
        Assert.Contains(App.Logs.Entries, e => e.EventId.Id == 1300 && e.Message.Contains("LinkSessionMismatch", StringComparison.Ordinal));
    }

    private async Task<Uri> StartLinkAsync(TestBrowser browser, string provider)
    {
        var config = await browser.ConfigAsync(App);
        var antiforgery = config.GetProperty("antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(App.AppUri, $"api/auth/oauth/{provider}/link"));
        request.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        using var response = await browser.Http.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(OAuthTestApp.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken).WaitAsync(OAuthTestApp.Timeout, TestContext.Current.CancellationToken);
        return new Uri(body.GetProperty("redirect").GetString()!);
    }
}
