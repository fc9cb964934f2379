using Parley.Hosting;
using System.Net;
using System.Text.Json;
using Parley.Authentication.Sessions;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Authentication.Sessions;

public sealed class SessionLifecycleTests
{
    private static readonly TimeSpan CloseWithin = TimeSpan.FromSeconds(5);

    /// <summary>GET api/threads with exactly this cookie, from a client with an empty cookie jar.</summary>
    private static async Task<HttpStatusCode> ThreadsStatusAsync(SessionTestHost host, string cookieHeader)
    {
        using var replayer = host.CreateClient();
        using var response = await replayer.SendAsync(HttpMethod.Get, "api/threads", cookieHeader: cookieHeader);
        return response.StatusCode;
    }

    private static async Task<int> NegotiateStatusAsync(SessionClient browser, string cookieHeader)
    {
        var error = await Assert.ThrowsAsync<HubConnectException>(() => browser.ConnectHubAsync(cookieHeader));
        return error.Status;
    }

    [Fact]
    public async Task After_logout_the_old_cookie_replayed_is_refused_on_rest_and_on_hub_negotiate()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();
        using var login = await browser.LoginAsync("alice", TestUsers.Password);
        var stolen = browser.SessionCookieHeader;
        Assert.Equal(HttpStatusCode.OK, await ThreadsStatusAsync(host, stolen));

        using var logout = await browser.PostJsonAsync("api/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Null(browser.SessionCookie);
        using var replayer = host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, await ThreadsStatusAsync(host, stolen));
        Assert.Equal(401, await NegotiateStatusAsync(replayer, stolen));
        var reasons = await host.QueryAsync<string>("SELECT revoked_reason FROM parley_sessions");
        Assert.Equal([SessionRevocationReasons.SignedOut], reasons);
    }

    [Fact]
    public async Task Logout_closes_the_sessions_open_hub_connection_within_seconds()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();
        using var login = await browser.LoginAsync("alice", TestUsers.Password);
        await using var hub = await browser.ConnectHubAsync();
        Assert.True((await hub.SendAsync(new StartChat())).Ok);
        await hub.WaitForAsync<ChatStarted>();

        using var logout = await browser.PostJsonAsync("api/auth/logout", null);

        await hub.WaitForCloseAsync(CloseWithin);
        Assert.True(hub.IsClosed);
    }

    [Fact]
    public async Task Signing_in_issues_a_new_session_and_the_pre_login_anonymous_session_is_dead_everywhere()
    {
        await using var host = await SessionTestHost.StartAsync(options => options.Auth.AllowAnonymous = true, TestUsers.AddCallback);
        using var browser = host.CreateClient();
        var config = await browser.GetConfigAsync();
        Assert.StartsWith("anonymous:", config.GetProperty("user").GetProperty("identifier").GetString(), StringComparison.Ordinal);
        var before = browser.SessionCookieHeader;
        await using var anonymousHub = await browser.ConnectHubAsync();

        using var login = await browser.LoginAsync("alice", TestUsers.Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var after = browser.SessionCookieHeader;
        Assert.NotEqual(before, after);
        Assert.Equal(HttpStatusCode.Unauthorized, await ThreadsStatusAsync(host, before));
        Assert.Equal(401, await NegotiateStatusAsync(browser, before));
        Assert.Equal(HttpStatusCode.OK, await ThreadsStatusAsync(host, after));
        await anonymousHub.WaitForCloseAsync(CloseWithin);
        var sessions = await host.QueryAsync<(string? AuthMode, string? RevokedReason)>("SELECT auth_mode, revoked_reason FROM parley_sessions ORDER BY created_at, id");
        Assert.Contains((null, SessionRevocationReasons.Replaced), sessions);
        Assert.Contains(("password", null), sessions);
    }

    [Fact]
    public async Task Signing_in_again_over_a_signed_in_session_never_keeps_its_key()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();
        using var first = await browser.LoginAsync("alice", TestUsers.Password);
        var planted = browser.SessionCookieHeader;

        using var second = await browser.LoginAsync("bob", TestUsers.Password);

        Assert.NotEqual(planted, browser.SessionCookieHeader);
        Assert.Equal(HttpStatusCode.Unauthorized, await ThreadsStatusAsync(host, planted));
        var me = await SessionClient.ReadJsonAsync(await browser.GetAsync("api/config"));
        Assert.Equal("bob", me.GetProperty("user").GetProperty("identifier").GetString());
    }

    [Fact]
    public async Task A_session_idle_longer_than_the_idle_timeout_is_refused()
    {
        await using var host = await SessionTestHost.StartAsync(options => options.Auth.Session.IdleTimeout = TimeSpan.FromMinutes(30), TestUsers.AddCallback);
        using var browser = host.CreateClient();
        using var login = await browser.LoginAsync("alice", TestUsers.Password);
        var cookie = browser.SessionCookieHeader;

        host.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, await ThreadsStatusAsync(host, cookie));
        host.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, await ThreadsStatusAsync(host, cookie));
        host.Time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Unauthorized, await ThreadsStatusAsync(host, cookie));
        Assert.Equal([SessionRevocationReasons.Idle], await host.QueryAsync<string>("SELECT revoked_reason FROM parley_sessions"));
    }

    [Fact]
    public async Task An_active_session_still_ends_at_the_absolute_timeout()
    {
        await using var host = await SessionTestHost.StartAsync(
            options =>
            {
                options.Auth.Session.IdleTimeout = TimeSpan.FromHours(1);
                options.Auth.Session.AbsoluteTimeout = TimeSpan.FromHours(3);
            },
            TestUsers.AddCallback);
        using var browser = host.CreateClient();
        using var login = await browser.LoginAsync("alice", TestUsers.Password);
        var cookie = browser.SessionCookieHeader;

        for (var i = 0; i < 5; i++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(35));
            Assert.Equal(HttpStatusCode.OK, await ThreadsStatusAsync(host, cookie));
        }
        host.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.Unauthorized, await ThreadsStatusAsync(host, cookie));
        Assert.Equal([SessionRevocationReasons.Expired], await host.QueryAsync<string>("SELECT revoked_reason FROM parley_sessions"));
    }

    [Fact]
    public async Task An_expired_session_loses_its_open_hub_connection_without_any_request()
    {
        await using var host = await SessionTestHost.StartAsync(options => options.Auth.Session.IdleTimeout = TimeSpan.FromMinutes(30), TestUsers.AddCallback);
        using var browser = host.CreateClient();
        using var login = await browser.LoginAsync("alice", TestUsers.Password);
        await using var hub = await browser.ConnectHubAsync();

        host.Time.Advance(TimeSpan.FromMinutes(31));

        await hub.WaitForCloseAsync(CloseWithin);
    }

    [Fact]
    public async Task A_session_revoked_by_another_instance_loses_its_hub_connection_within_the_revalidation_interval()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();
        using var login = await browser.LoginAsync("alice", TestUsers.Password);
        await using var hub = await browser.ConnectHubAsync();

        // Another instance shares only the database: it cannot reach this instance's connections.
        await host.ExecuteAsync("UPDATE parley_sessions SET revoked_at = 1, revoked_reason = 'revoked'");

        await hub.WaitForCloseAsync(CloseWithin);
        Assert.Equal(HttpStatusCode.Unauthorized, await ThreadsStatusAsync(host, browser.SessionCookieHeader));
    }

    [Fact]
    public async Task A_user_lists_their_sessions_with_device_and_current_marker_and_revokes_another()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var laptop = host.CreateClient();
        laptop.Headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        using var phone = host.CreateClient();
        phone.Headers["User-Agent"] = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
        using var a = await laptop.LoginAsync("alice", TestUsers.Password);
        using var b = await phone.LoginAsync("alice", TestUsers.Password);
        await using var phoneHub = await phone.ConnectHubAsync();

        var list = await SessionClient.ReadJsonAsync(await laptop.GetAsync("api/auth/sessions"));
        var sessions = list.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        var current = Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        Assert.Equal("Firefox on Linux", current.GetProperty("device").GetString());
        var other = Assert.Single(sessions, s => !s.GetProperty("current").GetBoolean());
        Assert.Equal("Chrome on Android", other.GetProperty("device").GetString());
        Assert.Equal("127.0.0.1", other.GetProperty("ipAddress").GetString());

        using var revoke = await laptop.DeleteAsync("api/auth/sessions/" + other.GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await phoneHub.WaitForCloseAsync(CloseWithin);
        Assert.Equal(HttpStatusCode.Unauthorized, await ThreadsStatusAsync(host, phone.SessionCookieHeader));
        Assert.Equal(HttpStatusCode.OK, await ThreadsStatusAsync(host, laptop.SessionCookieHeader));
        var after = await SessionClient.ReadJsonAsync(await laptop.GetAsync("api/auth/sessions"));
        Assert.Single(after.GetProperty("sessions").EnumerateArray());
    }

    [Fact]
    public async Task A_user_cannot_revoke_or_see_another_users_session()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var alice = host.CreateClient();
        using var bob = host.CreateClient();
        using var a = await alice.LoginAsync("alice", TestUsers.Password);
        using var b = await bob.LoginAsync("bob", TestUsers.Password);
        var bobs = await SessionClient.ReadJsonAsync(await bob.GetAsync("api/auth/sessions"));
        var bobSession = bobs.GetProperty("sessions")[0].GetProperty("id").GetString();

        using var revoke = await alice.DeleteAsync("api/auth/sessions/" + bobSession);
        var alices = await SessionClient.ReadJsonAsync(await alice.GetAsync("api/auth/sessions"));

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.DoesNotContain(alices.GetProperty("sessions").EnumerateArray(), s => s.GetProperty("id").GetString() == bobSession);
        Assert.Equal(HttpStatusCode.OK, await ThreadsStatusAsync(host, bob.SessionCookieHeader));
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_of_the_user_and_their_connections()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var laptop = host.CreateClient();
        using var phone = host.CreateClient();
        using var bob = host.CreateClient();
        using var a = await laptop.LoginAsync("alice", TestUsers.Password);
        using var b = await phone.LoginAsync("alice", TestUsers.Password);
        using var c = await bob.LoginAsync("bob", TestUsers.Password);
        var laptopCookie = laptop.SessionCookieHeader;
        await using var phoneHub = await phone.ConnectHubAsync();

        using var everywhere = await laptop.PostJsonAsync("api/auth/logout-all", null);

        Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        await phoneHub.WaitForCloseAsync(CloseWithin);
        Assert.Equal(HttpStatusCode.Unauthorized, await ThreadsStatusAsync(host, laptopCookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await ThreadsStatusAsync(host, phone.SessionCookieHeader));
        Assert.Equal(HttpStatusCode.OK, await ThreadsStatusAsync(host, bob.SessionCookieHeader));
    }

    [Fact]
    public async Task Anonymous_use_is_a_server_side_session_too()
    {
        await using var host = await SessionTestHost.StartAsync(options => options.Auth.AllowAnonymous = true);
        using var browser = host.CreateClient();

        var config = await browser.GetConfigAsync();
        await using var hub = await browser.ConnectHubAsync();
        Assert.True((await hub.SendAsync(new StartChat())).Ok);

        Assert.True(config.GetProperty("auth").GetProperty("signedIn").GetBoolean());
        Assert.Single(await host.QueryAsync<string>("SELECT id FROM parley_sessions WHERE revoked_at IS NULL"));
        using var logout = await browser.PostJsonAsync("api/auth/logout", null);
        await hub.WaitForCloseAsync(CloseWithin);
        Assert.Empty(await host.QueryAsync<string>("SELECT id FROM parley_sessions WHERE revoked_at IS NULL"));
    }

    [Fact]
    public async Task A_client_that_keeps_dropping_its_cookie_cannot_create_guest_sessions_without_end()
    {
        await using var host = await SessionTestHost.StartAsync(options =>
        {
            options.Auth.AllowAnonymous = true;
            options.Auth.Login.AnonymousSessionsPerClient = 3;
        });
        var guests = new List<SessionClient>();
        for (var i = 0; i < 3; i++)
        {
            var guest = host.CreateClient();
            guests.Add(guest);
            Assert.True((await guest.GetConfigAsync()).GetProperty("auth").GetProperty("signedIn").GetBoolean());
        }

        using var scripted = host.CreateClient();
        using var refused = await scripted.GetAsync("api/config");
        using var page = await scripted.GetAsync("");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("Too many new guests", (await SessionClient.ReadJsonAsync(refused)).GetProperty("title").GetString());
        Assert.Null(scripted.SessionCookie);
        Assert.Equal(3, (await host.QueryAsync<string>("SELECT id FROM parley_sessions")).Count);
        // Guests who kept their cookie are not affected, and the window ends.
        Assert.True((await guests[0].GetConfigAsync()).GetProperty("auth").GetProperty("signedIn").GetBoolean());
        host.Time.Advance(new ParleyOptions().Auth.Login.Window + TimeSpan.FromSeconds(1));
        Assert.True((await scripted.GetConfigAsync()).GetProperty("auth").GetProperty("signedIn").GetBoolean());
        guests.ForEach(g => g.Dispose());
    }

    [Fact]
    public async Task The_session_id_claim_cannot_be_chosen_by_the_client()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var alice = host.CreateClient();
        using var bob = host.CreateClient();
        using var a = await alice.LoginAsync("alice", TestUsers.Password);
        using var b = await bob.LoginAsync("bob", TestUsers.Password);
        var sessions = await SessionClient.ReadJsonAsync(await alice.GetAsync("api/auth/sessions"));
        var id = sessions.GetProperty("sessions")[0].GetProperty("id").GetString()!;

        // The public id is not a credential: as a cookie value it authenticates nobody.
        Assert.Equal(HttpStatusCode.Unauthorized, await ThreadsStatusAsync(host, $"{ParleySessionDefaults.CookieName}={id}"));
        Assert.Equal(JsonValueKind.String, sessions.GetProperty("sessions")[0].GetProperty("expiresAt").ValueKind);
    }
}
