using Parley.Tests.Fixtures;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>The identity links and the discovery cache over time, on both databases.</summary>
public sealed class OAuthDataTests(PostgresFixture postgres) : IAsyncLifetime
{
    private FakeIdentityProvider _idp = null!;

    public async ValueTask InitializeAsync() => _idp = await FakeIdentityProvider.StartAsync();

    public async ValueTask DisposeAsync() => await _idp.DisposeAsync();

    [Fact]
    public async Task On_postgresql_an_identity_creates_its_user_once_and_links_to_it()
    {
        var settings = _idp.Settings();
        settings["Parley:Database:Provider"] = "Postgres";
        settings["Parley:Database:ConnectionString"] = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var app = await OAuthTestApp.StartAsync(settings);

        Assert.Equal("fake:fake-user", await SignInAsync(app));
        Assert.Equal("fake:fake-user", await SignInAsync(app));
        _idp.Subject = "second-user";
        Assert.Equal("fake:second-user", await SignInAsync(app));
    }

    [Fact]
    public async Task The_discovery_document_is_fetched_again_after_the_refresh_interval_and_a_failed_refresh_keeps_the_last_one()
    {
        var time = new OffsetTimeProvider();
        _idp.Clock = time;
        await using var app = await OAuthTestApp.StartAsync(_idp.Settings(), time: time);
        Assert.Equal("fake:fake-user", await SignInAsync(app));

        time.Advance(TimeSpan.FromHours(25));
        Assert.Equal("fake:fake-user", await SignInAsync(app));
        Assert.Equal(2, _idp.Requests.Count(r => r == "GET /.well-known/openid-configuration"));

        time.Advance(TimeSpan.FromHours(25));
        _idp.DiscoveryIssuer = "https://evil.example";
        Assert.Equal("fake:fake-user", await SignInAsync(app));
        Assert.Equal(3, _idp.Requests.Count(r => r == "GET /.well-known/openid-configuration"));
        Assert.Contains(app.Logs.Entries, e => e.EventId.Id == 1303);
    }

    private static async Task<string?> SignInAsync(OAuthTestApp app)
    {
        using var browser = new TestBrowser();
        var callback = await browser.RedirectOfAsync(await browser.StartAsync(app, "fake"));
        using var response = await browser.GetAsync(callback);
        Assert.Equal(app.AppUri, TestBrowser.LocationOf(response));
        return await browser.SignedInUserAsync(app);
    }
}
