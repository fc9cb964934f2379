using System.Net;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>
/// Host-header poisoning: the redirect_uri sent to the provider comes from the configured public
/// origin, or from forwarded headers of a trusted proxy, and never from a Host header a client chose.
/// </summary>
public sealed class CallbackOriginTests : IAsyncLifetime
{
    private FakeIdentityProvider _idp = null!;

    public async ValueTask InitializeAsync() => _idp = await FakeIdentityProvider.StartAsync();

    public async ValueTask DisposeAsync() => await _idp.DisposeAsync();

    [Fact]
    public async Task Without_a_public_origin_a_foreign_host_header_is_refused()
    {
        await using var app = await OAuthTestApp.StartAsync(_idp.Settings());
        using var browser = new TestBrowser();

        using var response = await browser.GetAsync(new Uri(app.AppUri, "api/auth/oauth/fake/start"), ("Host", "evil.example"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("PublicOrigin", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1305 && e.Message.Contains("evil.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_public_origin_a_loopback_host_is_used_for_development()
    {
        await using var app = await OAuthTestApp.StartAsync(_idp.Settings());
        using var browser = new TestBrowser();

        var authorization = await browser.StartAsync(app, "fake");

        Assert.Equal(app.CallbackUri("fake"), TestBrowser.Query(authorization, "redirect_uri"));
    }

    [Fact]
    public async Task With_a_public_origin_the_host_header_is_ignored()
    {
        var settings = _idp.Settings();
        settings["Parley:Auth:OAuth:PublicOrigin"] = "https://chat.example.test";
        await using var app = await OAuthTestApp.StartAsync(settings, appPath: "/chat");
        using var browser = new TestBrowser();

        var authorization = await browser.RedirectOfAsync(new Uri(app.AppUri, "api/auth/oauth/fake/start"), ("Host", "evil.example"));

        Assert.Equal("https://chat.example.test/chat/api/auth/oauth/fake/callback", TestBrowser.Query(authorization, "redirect_uri"));
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_peer_are_ignored()
    {
        var settings = _idp.Settings();
        settings["Parley:Auth:OAuth:TrustedProxies:0"] = "10.0.0.0/8";
        await using var app = await OAuthTestApp.StartAsync(settings);
        using var browser = new TestBrowser();

        var authorization = await browser.RedirectOfAsync(new Uri(app.AppUri, "api/auth/oauth/fake/start"),
            ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "https"));

        Assert.Equal(app.CallbackUri("fake"), TestBrowser.Query(authorization, "redirect_uri"));
    }

    [Fact]
    public async Task Forwarded_headers_from_a_trusted_proxy_give_the_origin()
    {
        var settings = _idp.Settings();
        settings["Parley:Auth:OAuth:TrustedProxies:0"] = "127.0.0.1";
        await using var app = await OAuthTestApp.StartAsync(settings);
        using var browser = new TestBrowser();

        var authorization = await browser.RedirectOfAsync(new Uri(app.AppUri, "api/auth/oauth/fake/start"),
            ("Host", "internal:8080"), ("X-Forwarded-Host", "chat.example.test"), ("X-Forwarded-Proto", "https"));

        Assert.Equal("https://chat.example.test/api/auth/oauth/fake/callback", TestBrowser.Query(authorization, "redirect_uri"));
    }

    [Fact]
    public async Task A_poisoned_host_header_on_the_callback_does_not_change_the_redirect_uri_sent_with_the_code()
    {
        await using var app = await OAuthTestApp.StartAsync(_idp.Settings());
        using var browser = new TestBrowser();
        var callback = await browser.RedirectOfAsync(await browser.StartAsync(app, "fake"));

        using var response = await browser.GetAsync(callback, ("Host", "evil.example"));

        Assert.Equal(app.CallbackUri("fake"), Assert.Single(_idp.TokenRedirectUris));
        Assert.Equal(new Uri(app.AppUri, "/"), TestBrowser.LocationOf(response));
    }
}
