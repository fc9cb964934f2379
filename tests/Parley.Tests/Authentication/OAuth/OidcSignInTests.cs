using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Authentication.OAuth;
using Parley.Tests.Fixtures;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>Sign-in through a real OpenID Provider (npm oidc-provider), driven over HTTP like a browser.</summary>
public sealed class OidcSignInTests
{
    [Fact]
    public async Task A_new_user_signs_in_and_gets_a_session_named_after_the_provider_and_subject()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var browser = new TestBrowser();

        using var callback = await browser.SignInAsync(scenario.App, "op", "alice", OidcScenario.Alice.Password);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(scenario.App.AppUri, TestBrowser.LocationOf(callback));
        var config = await browser.ConfigAsync(scenario.App);
        var user = config.GetProperty("user");
        Assert.Equal("op:alice", user.GetProperty("identifier").GetString());
        Assert.Equal("Alice Liddell", user.GetProperty("displayName").GetString());
        Assert.True(config.GetProperty("auth").GetProperty("signedIn").GetBoolean());
    }

    [Fact]
    public async Task The_authorization_request_uses_pkce_with_s256_a_nonce_and_a_state()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var browser = new TestBrowser();

        var authorization = await browser.StartAsync(scenario.App, "op");

        Assert.StartsWith(scenario.Provider.Issuer + "/auth?", authorization.ToString());
        Assert.Equal("S256", TestBrowser.Query(authorization, "code_challenge_method"));
        Assert.Equal(43, TestBrowser.Query(authorization, "code_challenge")!.Length);
        Assert.True(TestBrowser.Query(authorization, "nonce")!.Length >= 43);
        Assert.False(string.IsNullOrEmpty(TestBrowser.Query(authorization, "state")));
        Assert.Equal("code", TestBrowser.Query(authorization, "response_type"));
        Assert.Equal("openid profile email", TestBrowser.Query(authorization, "scope"));
        Assert.Equal(scenario.App.CallbackUri("op"), TestBrowser.Query(authorization, "redirect_uri"));
    }

    [Fact]
    public async Task A_returning_user_gets_the_same_account_and_the_return_url_is_honoured()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using (var first = new TestBrowser())
        {
            using var _ = await first.SignInAsync(scenario.App, "op", "alice", OidcScenario.Alice.Password);
        }
        using var second = new TestBrowser();

        using var callback = await second.SignInAsync(scenario.App, "op", "alice", OidcScenario.Alice.Password, returnUrl: "/thread/abc?x=1");

        Assert.Equal(new Uri(scenario.App.BaseAddress, "/thread/abc?x=1"), TestBrowser.LocationOf(callback));
        Assert.Equal("op:alice", await second.SignedInUserAsync(scenario.App));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task A_return_url_that_leaves_the_site_is_refused(string returnUrl)
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var browser = new TestBrowser();

        using var response = await browser.GetAsync(new Uri(scenario.App.AppUri, "api/auth/oauth/op/start?returnUrl=" + Uri.EscapeDataString(returnUrl)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unverified_email_equal_to_an_existing_accounts_gets_a_new_account_of_its_own()
    {
        var logins = new List<OAuthLoginContext>();
        await using var scenario = await OidcScenario.StartAsync(oauth: o => o.OnOAuthLogin = login => { logins.Add(login); return Task.CompletedTask; });
        using (var alice = new TestBrowser())
        {
            using var _ = await alice.SignInAsync(scenario.App, "op", "alice", OidcScenario.Alice.Password);
            Assert.Equal("op:alice", await alice.SignedInUserAsync(scenario.App));
        }
        using var bob = new TestBrowser();

        using var callback = await bob.SignInAsync(scenario.App, "op", "bob", OidcScenario.Bob.Password);

        Assert.Equal("op:bob", await bob.SignedInUserAsync(scenario.App));
        var bobLogin = logins.Last();
        Assert.Equal("alice@example.test", bobLogin.Email);
        Assert.False(bobLogin.EmailVerified);
        Assert.True(bobLogin.User.IsNew);
        Assert.Null(bobLogin.User.Email);
        Assert.Equal("alice@example.test", logins[0].User.Email);
    }

    [Fact]
    public async Task The_hook_can_deny_a_sign_in_and_nobody_is_signed_in()
    {
        await using var scenario = await OidcScenario.StartAsync(oauth: o => o.OnOAuthLogin = login =>
        {
            if (login.Subject == "carol")
            {
                login.Deny();
            }
            return Task.CompletedTask;
        });
        using var browser = new TestBrowser();

        using var callback = await browser.SignInAsync(scenario.App, "op", "carol", OidcScenario.Carol.Password);

        Assert.Equal(new Uri(scenario.App.AppUri, "?auth_error=denied"), TestBrowser.LocationOf(callback));
        Assert.Null(await browser.SignedInUserAsync(scenario.App));
    }

    [Fact]
    public async Task The_hook_sees_the_claims_and_can_enrich_the_user()
    {
        var scopes = new Dictionary<string, string?>
        {
            ["Parley:Auth:OAuth:Providers:op:Scopes:0"] = "openid",
            ["Parley:Auth:OAuth:Providers:op:Scopes:1"] = "profile",
            ["Parley:Auth:OAuth:Providers:op:Scopes:2"] = "groups",
        };
        await using var scenario = await OidcScenario.StartAsync(settings: scopes, oauth: o => o.OnOAuthLogin = login =>
        {
            Assert.Equal("op", login.Provider);
            Assert.Equal("alice", login.Subject);
            Assert.Equal(["staff", "admins"], login.User.Roles);
            Assert.Equal(JsonValueKind.Array, login.Claims["groups"].ValueKind);
            Assert.Null(login.Email);
            login.User.DisplayName = "Dr. Alice";
            login.User.Metadata["plan"] = "pro";
            return Task.CompletedTask;
        });
        using var browser = new TestBrowser();

        using var _ = await browser.SignInAsync(scenario.App, "op", "alice", OidcScenario.Alice.Password);

        var user = (await browser.ConfigAsync(scenario.App)).GetProperty("user");
        Assert.Equal("Dr. Alice", user.GetProperty("displayName").GetString());
        Assert.Equal("pro", user.GetProperty("metadata").GetProperty("plan").GetString());
    }

    [Fact]
    public async Task An_es256_signed_id_token_is_accepted_from_a_client_registered_for_it()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var browser = new TestBrowser();

        using var callback = await browser.SignInAsync(scenario.App, "op-es", "carol", OidcScenario.Carol.Password);

        Assert.Equal(scenario.App.AppUri, TestBrowser.LocationOf(callback));
        Assert.Equal("op-es:carol", await browser.SignedInUserAsync(scenario.App));
    }

    [Fact]
    public async Task Signing_in_through_two_providers_of_the_same_issuer_reaches_the_same_account()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using (var first = new TestBrowser())
        {
            using var _ = await first.SignInAsync(scenario.App, "op", "carol", OidcScenario.Carol.Password);
        }
        using var second = new TestBrowser();

        using var callback = await second.SignInAsync(scenario.App, "op-es", "carol", OidcScenario.Carol.Password);

        Assert.Equal("op:carol", await second.SignedInUserAsync(scenario.App));
    }

    [Fact]
    public async Task After_the_provider_rotates_its_keys_sign_in_works_again_once_the_key_refresh_interval_has_passed()
    {
        var time = new OffsetTimeProvider();
        await using var scenario = await OidcScenario.StartAsync(time: time);
        using (var before = new TestBrowser())
        {
            using var _ = await before.SignInAsync(scenario.App, "op", "alice", OidcScenario.Alice.Password);
            Assert.Equal("op:alice", await before.SignedInUserAsync(scenario.App));
        }

        await scenario.Provider.RestartAsync(OidcProvider.NewKeys(), TestContext.Current.CancellationToken);

        // Right after a fetch, an unknown key does not trigger another: forged kids cannot make Parley hammer the provider.
        using (var tooSoon = new TestBrowser())
        {
            using var refused = await tooSoon.SignInAsync(scenario.App, "op", "alice", OidcScenario.Alice.Password);
            Assert.Equal(new Uri(scenario.App.AppUri, "?auth_error=failed"), TestBrowser.LocationOf(refused));
            Assert.Contains(scenario.App.Logs.Entries, e => e.Message.Contains("UnknownSigningKey", StringComparison.Ordinal));
        }

        time.Advance(TimeSpan.FromMinutes(6));
        using var after = new TestBrowser();
        using var callback = await after.SignInAsync(scenario.App, "op", "alice", OidcScenario.Alice.Password);

        Assert.Equal(scenario.App.AppUri, TestBrowser.LocationOf(callback));
        Assert.Equal("op:alice", await after.SignedInUserAsync(scenario.App));
        Assert.Equal(2, scenario.Provider.Requests.Count(r => r == "GET /jwks"));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_answers_the_providers_logout_url()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var browser = new TestBrowser();
        using var _ = await browser.SignInAsync(scenario.App, "op", "alice", OidcScenario.Alice.Password);

        var redirect = await LogoutAsync(browser, scenario.App);

        Assert.Null(await browser.SignedInUserAsync(scenario.App));
        Assert.NotNull(redirect);
        Assert.StartsWith(scenario.Provider.Issuer + "/session/end?", redirect.ToString());
        Assert.Equal("parley", TestBrowser.Query(redirect, "client_id"));
        Assert.Equal(scenario.App.AppUri.ToString(), TestBrowser.Query(redirect, "post_logout_redirect_uri"));
        Assert.Equal(3, TestBrowser.Query(redirect, "id_token_hint")!.Split('.').Length);
        // The provider accepts it: it shows its sign-out confirmation rather than an error.
        using var atProvider = await browser.GetAsync(redirect);
        Assert.Equal(HttpStatusCode.OK, atProvider.StatusCode);
        Assert.Contains("logout", await atProvider.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signing_out_stays_local_when_sign_out_at_the_provider_is_off()
    {
        await using var scenario = await OidcScenario.StartAsync(settings: new() { ["Parley:Auth:OAuth:Providers:op:SignOutAtProvider"] = "false" });
        using var browser = new TestBrowser();
        using var _ = await browser.SignInAsync(scenario.App, "op", "alice", OidcScenario.Alice.Password);

        var redirect = await LogoutAsync(browser, scenario.App);

        Assert.Null(redirect);
        Assert.Null(await browser.SignedInUserAsync(scenario.App));
    }

    [Fact]
    public async Task The_providers_are_listed_for_the_login_page_with_their_start_urls()
    {
        await using var scenario = await OidcScenario.StartAsync(appPath: "/chat");
        using var browser = new TestBrowser();

        var config = await browser.ConfigAsync(scenario.App);
        var listed = await browser.Http.GetFromJsonAsync<JsonElement>(new Uri(scenario.App.AppUri, "api/auth/oauth/providers"), TestContext.Current.CancellationToken)
            .WaitAsync(OAuthTestApp.Timeout, TestContext.Current.CancellationToken);

        var providers = config.GetProperty("auth").GetProperty("providers");
        Assert.Equal(listed.GetRawText(), providers.GetRawText());
        Assert.Equal("op", providers[0].GetProperty("id").GetString());
        Assert.Equal("/chat/api/auth/oauth/op/start", providers[0].GetProperty("startUrl").GetString());
        Assert.Equal("Test provider (ES256)", providers[1].GetProperty("displayName").GetString());
        Assert.Contains("oauth", config.GetProperty("auth").GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
        using var callback = await browser.SignInAsync(scenario.App, "op", "alice", OidcScenario.Alice.Password);
        Assert.Equal(scenario.App.AppUri, TestBrowser.LocationOf(callback));
        Assert.Equal("op:alice", await browser.SignedInUserAsync(scenario.App));
    }

    internal static async Task<Uri?> LogoutAsync(TestBrowser browser, OAuthTestApp app)
    {
        var config = await browser.ConfigAsync(app);
        var antiforgery = config.GetProperty("antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app.AppUri, "api/auth/oauth/logout"));
        request.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        using var response = await browser.Http.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(OAuthTestApp.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken).WaitAsync(OAuthTestApp.Timeout, TestContext.Current.CancellationToken);
        return body.GetProperty("redirect").GetString() is { } url ? new Uri(url) : null;
    }
}
