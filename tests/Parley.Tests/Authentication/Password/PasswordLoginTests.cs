using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Authentication.Password;
using Parley.Hosting;
using Parley.Tests.Authentication.Sessions;

namespace Parley.Tests.Authentication.Password;

public sealed class PasswordLoginTests
{
    [Fact]
    public async Task The_callback_signs_in_the_user_it_returns_with_display_name_and_metadata()
    {
        await using var host = await SessionTestHost.StartAsync(services: s => s.AddParleyPasswordLogin((username, password, _) => ValueTask.FromResult(
            username == "alice" && password == "s3cret pass" ? new ParleyUserInfo("alice@example.com", "Alice", new JsonObject { ["plan"] = "pro" }) : null)));
        using var browser = host.CreateClient();

        using var login = await browser.LoginAsync("alice", "s3cret pass", returnUrl: "/thread/42");
        var body = await SessionClient.ReadJsonAsync(login);
        var config = await browser.GetConfigAsync();

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("alice@example.com", body.GetProperty("user").GetProperty("identifier").GetString());
        Assert.Equal("Alice", body.GetProperty("user").GetProperty("displayName").GetString());
        Assert.Equal("pro", body.GetProperty("user").GetProperty("metadata").GetProperty("plan").GetString());
        Assert.Equal("/thread/42", body.GetProperty("returnUrl").GetString());
        Assert.Equal("alice@example.com", config.GetProperty("user").GetProperty("identifier").GetString());
        var auth = config.GetProperty("auth");
        Assert.True(auth.GetProperty("signedIn").GetBoolean());
        Assert.Equal(["password"], auth.GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("/api/auth/login", auth.GetProperty("loginUrl").GetString());
        Assert.Equal("/api/auth/logout", auth.GetProperty("logoutUrl").GetString());
        Assert.Equal("closed", auth.GetProperty("registration").GetString());
        Assert.False(auth.GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public async Task A_refused_password_gets_401_and_no_session()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();

        using var login = await browser.LoginAsync("alice", "wrong password");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Null(browser.SessionCookie);
        Assert.Empty(await host.QueryAsync<string>("SELECT id FROM parley_sessions"));
    }

    [Fact]
    public async Task A_callback_user_with_an_invalid_identifier_is_refused_and_logged()
    {
        await using var host = await SessionTestHost.StartAsync(services: s => s.AddParleyPasswordLogin((_, _, _) =>
            ValueTask.FromResult<ParleyUserInfo?>(new ParleyUserInfo(" padded\u0000"))));
        using var browser = host.CreateClient();

        using var login = await browser.LoginAsync("x", "whatever password");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 1503);
    }

    [Fact]
    public async Task The_config_issues_an_antiforgery_token_to_signed_out_callers()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();

        var config = await browser.GetConfigAsync();

        Assert.False(config.GetProperty("auth").GetProperty("signedIn").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, config.GetProperty("user").ValueKind);
        Assert.False(string.IsNullOrEmpty(config.GetProperty("antiforgery").GetProperty("token").GetString()));
    }

    [Theory]
    [InlineData("api/auth/login")]
    [InlineData("api/auth/logout")]
    [InlineData("api/auth/logout-all")]
    [InlineData("api/auth/register")]
    [InlineData("api/auth/password")]
    [InlineData("api/auth/invites")]
    public async Task A_state_change_without_the_antiforgery_token_is_refused(string path)
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();
        using var login = await browser.LoginAsync("alice", TestUsers.Password);
        var cookie = browser.SessionCookieHeader;
        browser.SendAntiforgery = false;

        using var forged = await browser.PostJsonAsync(path, new { username = "bob", password = TestUsers.Password, currentPassword = "x", newPassword = "y" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Antiforgery", await forged.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(cookie, browser.SessionCookieHeader);
        using var still = await browser.GetAsync("api/threads");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        Assert.Equal(1, (await host.QueryAsync<long>("SELECT COUNT(*) FROM parley_sessions WHERE revoked_at IS NULL"))[0]);
    }

    [Fact]
    public async Task Deleting_a_session_without_the_antiforgery_token_is_refused()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();
        using var login = await browser.LoginAsync("alice", TestUsers.Password);
        var id = (await SessionClient.ReadJsonAsync(await browser.GetAsync("api/auth/sessions"))).GetProperty("sessions")[0].GetProperty("id").GetString();
        browser.SendAntiforgery = false;

        using var forged = await browser.DeleteAsync("api/auth/sessions/" + id);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("api/threads")).StatusCode);
    }

    [Fact]
    public async Task A_login_token_from_another_browser_does_not_sign_this_one_in()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var attacker = host.CreateClient();
        var attackerToken = (await attacker.GetConfigAsync()).GetProperty("antiforgery").GetProperty("token").GetString()!;
        using var victim = host.CreateClient();
        await victim.GetConfigAsync();
        victim.SendAntiforgery = false;
        victim.Headers["X-Parley-CSRF"] = attackerToken;

        using var forced = await victim.PostJsonAsync("api/auth/login", new { username = "bob", password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.BadRequest, forced.StatusCode);
        Assert.Null(victim.SessionCookie);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%252F%252Fevil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData(" //evil.example")]
    public async Task A_return_url_that_could_leave_the_site_becomes_the_app_root(string returnUrl)
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();

        using var login = await browser.LoginAsync("alice", TestUsers.Password, returnUrl);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("/", (await SessionClient.ReadJsonAsync(login)).GetProperty("returnUrl").GetString());
    }

    [Fact]
    public async Task Password_guessing_is_throttled_per_account_with_retry_after()
    {
        await using var host = await SessionTestHost.StartAsync(
            options => { options.Auth.Login.AttemptsPerAccount = 3; options.Auth.Login.Window = TimeSpan.FromMinutes(15); },
            TestUsers.AddCallback);
        using var browser = host.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("alice", "guess " + i)).StatusCode);
        }
        using var throttled = await browser.LoginAsync("alice", TestUsers.Password);
        using var otherAccount = await browser.LoginAsync("bob", TestUsers.Password);
        host.Time.Advance(TimeSpan.FromMinutes(16));
        using var later = await browser.LoginAsync("alice", TestUsers.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        var retryAfter = int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 15 * 60);
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task Password_guessing_is_throttled_per_client_address_and_a_forged_forwarded_for_does_not_escape_it()
    {
        await using var host = await SessionTestHost.StartAsync(
            options => { options.Auth.Login.AttemptsPerClient = 3; options.Auth.Login.AttemptsPerAccount = 100; },
            TestUsers.AddCallback);
        using var browser = host.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            browser.Headers["X-Forwarded-For"] = $"203.0.113.{i}";
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("user" + i, "guess")).StatusCode);
        }
        browser.Headers["X-Forwarded-For"] = "198.51.100.7";
        using var throttled = await browser.LoginAsync("alice", TestUsers.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Behind_a_configured_proxy_the_client_is_the_address_the_proxy_appended()
    {
        await using var host = await SessionTestHost.StartAsync(
            options =>
            {
                options.Auth.Login.AttemptsPerClient = 2;
                options.Auth.Login.AttemptsPerAccount = 100;
                options.Auth.Login.TrustedProxies = ["127.0.0.1"];
            },
            TestUsers.AddCallback);
        using var browser = host.CreateClient();

        // The client may prepend anything; only the entry the trusted proxy appended counts.
        browser.Headers["X-Forwarded-For"] = "10.9.9.9, 192.0.2.1";
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("a", "guess")).StatusCode);
        browser.Headers["X-Forwarded-For"] = "10.9.9.8, 192.0.2.1";
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("b", "guess")).StatusCode);
        using var sameClient = await browser.LoginAsync("c", "guess");
        browser.Headers["X-Forwarded-For"] = "192.0.2.2";
        using var otherClient = await browser.LoginAsync("alice", TestUsers.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, sameClient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
        var sessions = await SessionClient.ReadJsonAsync(await browser.GetAsync("api/auth/sessions"));
        Assert.Equal("192.0.2.2", sessions.GetProperty("sessions")[0].GetProperty("ipAddress").GetString());
    }

    [Fact]
    public async Task Without_a_password_mode_the_login_endpoint_answers_404_and_the_config_offers_no_login()
    {
        await using var host = await SessionTestHost.StartAsync();
        using var browser = host.CreateClient();

        var config = await browser.GetConfigAsync();
        using var login = await browser.PostJsonAsync("api/auth/login", new { username = "alice", password = "x" });

        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, config.GetProperty("auth").GetProperty("loginUrl").ValueKind);
        Assert.Empty(config.GetProperty("auth").GetProperty("modes").EnumerateArray());
    }

    [Fact]
    public async Task A_login_body_that_is_not_json_is_refused()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();
        await browser.GetConfigAsync();

        using var form = await browser.SendAsync(HttpMethod.Post, "api/auth/login", new FormUrlEncodedContent([new("username", "alice"), new("password", TestUsers.Password)]));
        using var broken = await browser.SendAsync(HttpMethod.Post, "api/auth/login", new StringContent("{\"username\":", System.Text.Encoding.UTF8, "application/json"));
        using var huge = await browser.PostJsonAsync("api/auth/login", new { username = "alice", password = new string('x', 64 * 1024) });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Accounts_and_a_password_callback_together_stop_start_up_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await SessionTestHost.StartAsync(o => o.Auth.Accounts.Enabled = true, TestUsers.AddCallback);
        });

        Assert.Contains("Parley:Auth:Accounts:Enabled", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Parley:Auth:Session:IdleTimeout")]
    [InlineData("Parley:Auth:Session:AbsoluteTimeout")]
    [InlineData("Parley:Auth:Login:AttemptsPerAccount")]
    [InlineData("Parley:Auth:Login:TrustedProxies:0")]
    [InlineData("Parley:Auth:Accounts:MinPasswordLength")]
    [InlineData("Parley:Auth:Accounts:Admin:Username")]
    public async Task A_bad_setting_stops_start_up_naming_it(string setting)
    {
        Action<ParleyOptions> configure = setting switch
        {
            "Parley:Auth:Session:IdleTimeout" => o => o.Auth.Session.IdleTimeout = TimeSpan.Zero,
            "Parley:Auth:Session:AbsoluteTimeout" => o => o.Auth.Session.AbsoluteTimeout = TimeSpan.FromDays(500),
            "Parley:Auth:Login:AttemptsPerAccount" => o => o.Auth.Login.AttemptsPerAccount = 0,
            "Parley:Auth:Login:TrustedProxies:0" => o => o.Auth.Login.TrustedProxies = ["10.0.0.1/8"],
            "Parley:Auth:Accounts:MinPasswordLength" => o => o.Auth.Accounts.MinPasswordLength = 4,
            _ => o => { o.Auth.Accounts.Enabled = true; o.Auth.Accounts.Admin.Password = "a long enough password"; },
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await SessionTestHost.StartAsync(configure);
        });

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
