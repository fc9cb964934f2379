using System.Net;
using Parley.Authentication.Sessions;

namespace Parley.Tests.Authentication.Sessions;

public sealed class SessionCookieTests
{
    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Single(v => v.StartsWith(name + "=", StringComparison.Ordinal))
            : throw new InvalidOperationException("No Set-Cookie header.");

    private static string[] Attributes(string setCookie) =>
        [.. setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant())];

    [Fact]
    public async Task Over_http_the_session_cookie_is_httponly_samesite_lax_path_root_and_has_no_domain()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();

        using var login = await browser.LoginAsync("alice", TestUsers.Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var attributes = Attributes(SetCookie(login, ParleySessionDefaults.CookieName));
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", attributes);
    }

    [Fact]
    public async Task Over_https_the_session_cookie_has_the_host_prefix_and_is_secure_httponly_samesite_lax_path_root_without_domain()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback, https: true);
        using var browser = host.CreateClient();

        using var login = await browser.LoginAsync("alice", TestUsers.Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.DoesNotContain(login.Headers.GetValues("Set-Cookie"), v => v.StartsWith(ParleySessionDefaults.CookieName + "=", StringComparison.Ordinal));
        var attributes = Attributes(SetCookie(login, ParleySessionDefaults.SecureCookieName));
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        using var threads = await browser.GetAsync("api/threads");
        Assert.Equal(HttpStatusCode.OK, threads.StatusCode);
    }

    [Fact]
    public async Task Over_https_a_session_cookie_without_the_host_prefix_is_ignored()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback, https: true);
        using var browser = host.CreateClient();
        using var login = await browser.LoginAsync("alice", TestUsers.Password);
        var value = browser.SessionCookie!.Value;

        // A cookie planted by a plain-HTTP response or a sibling subdomain cannot carry the prefix.
        using var attacker = host.CreateClient();
        using var planted = await attacker.SendAsync(HttpMethod.Get, "api/threads", cookieHeader: $"{ParleySessionDefaults.CookieName}={value}");

        Assert.Equal(HttpStatusCode.Unauthorized, planted.StatusCode);
    }

    [Fact]
    public async Task The_cookie_holds_only_a_reference_and_the_database_holds_its_hash_and_a_protected_ticket()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();
        using var login = await browser.LoginAsync("alice", TestUsers.Password);

        var cookie = browser.SessionCookie!.Value;
        var rows = await host.QueryAsync<(string Id, string KeyHash, string Ticket)>("SELECT id, key_hash, ticket FROM parley_sessions");

        var row = Assert.Single(rows);
        Assert.DoesNotContain("alice", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(row.Id, cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(row.KeyHash, cookie, StringComparison.Ordinal);
        var ticket = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(row.Ticket));
        Assert.DoesNotContain("alice", ticket, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ALICE", ticket, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_token_or_password_is_in_a_response_body_or_a_log()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();
        using var wrong = await browser.LoginAsync("alice", "wrong password 123");
        using var login = await browser.LoginAsync("alice", TestUsers.Password);
        var body = await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var cookie = browser.SessionCookie!.Value;
        using var logout = await browser.PostJsonAsync("api/auth/logout", null);

        Assert.DoesNotContain(cookie, body, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Entries, e => e.AllText.Contains(cookie, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Entries, e => e.AllText.Contains(TestUsers.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Entries, e => e.AllText.Contains("wrong password 123", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 1501);
    }

    [Fact]
    public async Task The_config_and_sign_in_answers_are_not_cached_and_log_no_warning()
    {
        await using var host = await SessionTestHost.StartAsync(services: TestUsers.AddCallback);
        using var browser = host.CreateClient();
        using var config = await browser.SendAsync(HttpMethod.Get, "api/config");
        using var login = await browser.LoginAsync("alice", TestUsers.Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("no-store", config.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("no-store", login.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        // Antiforgery warned of overriding Cache-Control on every page load and sign-in: noise in operators' logs.
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && e.Category.StartsWith("Microsoft.AspNetCore.Antiforgery", StringComparison.Ordinal));
    }
}
