using System.Text.Json.Nodes;
using Parley.Authentication.OAuth;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>GitHub's plain OAuth 2.0 flow (user API plus verified emails API) against a local stand-in.</summary>
public sealed class GitHubSignInTests : IAsyncLifetime
{
    private readonly List<OAuthLoginContext> _logins = [];
    private GitHubStandIn _github = null!;
    private OAuthTestApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _github = await GitHubStandIn.StartAsync();
        _app = await OAuthTestApp.StartAsync(_github.Settings(), oauth: o => o.OnOAuthLogin = login =>
        {
            _logins.Add(login);
            return Task.CompletedTask;
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _github.DisposeAsync();
    }

    [Fact]
    public async Task A_github_user_signs_in_by_numeric_id_with_their_verified_primary_email()
    {
        Assert.Equal("github:4242", await SignInAsync());

        var login = Assert.Single(_logins);
        Assert.Equal("github", login.Provider);
        Assert.Equal(_github.BaseUrl, login.Issuer);
        Assert.Equal("4242", login.Subject);
        Assert.Equal("octocat@example.test", login.Email);
        Assert.True(login.EmailVerified);
        Assert.Equal("octocat@example.test", login.User.Email);
        Assert.Equal("The Octocat", login.User.DisplayName);
        Assert.Equal("octocat", login.Claims["login"].GetString());
    }

    [Fact]
    public async Task A_renamed_github_login_keeps_the_same_account()
    {
        Assert.Equal("github:4242", await SignInAsync());
        _github.User["login"] = "octocat-renamed";

        Assert.Equal("github:4242", await SignInAsync());
    }

    [Fact]
    public async Task An_unverified_primary_email_is_not_trusted()
    {
        _github.Emails = new JsonArray(new JsonObject { ["email"] = "octocat@example.test", ["primary"] = true, ["verified"] = false });

        Assert.Equal("github:4242", await SignInAsync());

        var login = Assert.Single(_logins);
        Assert.Equal("octocat@example.test", login.Email);
        Assert.False(login.EmailVerified);
        Assert.Null(login.User.Email);
    }

    [Fact]
    public async Task A_token_error_answered_with_http_200_fails_the_sign_in()
    {
        _github.TokenError = "bad_verification_code";
        using var browser = new TestBrowser();

        var callback = await browser.RedirectOfAsync(await browser.StartAsync(_app, "github"));
        using var response = await browser.GetAsync(callback);

        Assert.Equal(new Uri(_app.AppUri, "?auth_error=failed"), TestBrowser.LocationOf(response));
        Assert.Null(await browser.SignedInUserAsync(_app));
        Assert.Contains(_app.Logs.Entries, e => e.EventId.Id == 1300 && e.Message.Contains("bad_verification_code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_github_button_is_listed()
    {
        using var browser = new TestBrowser();

        var provider = (await browser.ConfigAsync(_app)).GetProperty("auth").GetProperty("providers")[0];

        Assert.Equal("github", provider.GetProperty("id").GetString());
        Assert.Equal("GitHub", provider.GetProperty("displayName").GetString());
    }

    private async Task<string?> SignInAsync()
    {
        using var browser = new TestBrowser();
        var callback = await browser.RedirectOfAsync(await browser.StartAsync(_app, "github"));
        using var response = await browser.GetAsync(callback);
        Assert.Equal(_app.AppUri, TestBrowser.LocationOf(response));
        return await browser.SignedInUserAsync(_app);
    }
}
