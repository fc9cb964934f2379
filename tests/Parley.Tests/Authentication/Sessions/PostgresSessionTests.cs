using System.Net;
using Parley.Hosting;
using Parley.Tests.Fixtures;

namespace Parley.Tests.Authentication.Sessions;

/// <summary>Sessions and accounts on PostgreSQL, with two instances sharing the database.</summary>
public sealed class PostgresSessionTests(PostgresFixture postgres)
{
    private async Task<Action<ParleyOptions>> PostgresAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        return options =>
        {
            options.Database.Provider = DatabaseProvider.Postgres;
            options.Database.ConnectionString = connectionString;
            options.Auth.Accounts.Enabled = true;
            options.Auth.Accounts.Registration = Parley.Authentication.Accounts.RegistrationMode.Open;
            options.Auth.Accounts.MaxFailedAttempts = 2;
        };
    }

    [Fact]
    public async Task A_session_revoked_through_one_instance_is_refused_by_the_other_and_loses_its_connection_there()
    {
        var database = await PostgresAsync();
        await using var first = await SessionTestHost.StartAsync(database);
        await using var second = await SessionTestHost.StartAsync(database);
        using var laptop = first.CreateClient();
        using var registered = await laptop.RegisterAsync("carol", "user password 1");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        using var phone = second.CreateClient();
        using var login = await phone.LoginAsync("CAROL", "user password 1");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        await using var phoneHub = await phone.ConnectHubAsync();

        var sessions = await SessionClient.ReadJsonAsync(await laptop.GetAsync("api/auth/sessions"));
        var phoneSession = sessions.GetProperty("sessions").EnumerateArray().Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetString();
        using var revoke = await laptop.DeleteAsync("api/auth/sessions/" + phoneSession);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await phoneHub.WaitForCloseAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("api/threads")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("api/threads")).StatusCode);
    }

    [Fact]
    public async Task Two_instances_share_one_key_ring_through_the_database_so_a_sign_in_on_one_works_on_the_other()
    {
        var database = await PostgresAsync();
        await using var first = await SessionTestHost.StartAsync(database, DataProtectionKeyTests.PersistKeys);
        await using var second = await SessionTestHost.StartAsync(database, DataProtectionKeyTests.PersistKeys);
        using var browser = first.CreateClient();
        using var registered = await browser.RegisterAsync("erin", "user password 1");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        using var onSecond = browser.MoveTo(second);
        using var threads = await onSecond.GetAsync("api/threads");
        // A state change: signed in (not 401) and the first instance's antiforgery token accepted (not 400).
        using var delete = await onSecond.DeleteAsync("api/threads/" + Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.OK, threads.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        var stored = await DataProtectionKeyTests.StoredKeyIdsAsync(first);
        Assert.Single(stored);
        Assert.Equal(stored, await DataProtectionKeyTests.KeyIdsAsync(first));
        Assert.Equal(stored, await DataProtectionKeyTests.KeyIdsAsync(second));
    }

    [Fact]
    public async Task Lockout_logout_and_password_change_work_on_postgres()
    {
        await using var host = await SessionTestHost.StartAsync(await PostgresAsync());
        await host.CreateAccountAsync("dave", "user password 1");
        using var browser = host.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("dave", "wrong password 1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("dave", "wrong password 2")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("dave", "user password 1")).StatusCode);
        host.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync("dave", "user password 1")).StatusCode);
        using var changed = await browser.PostJsonAsync("api/auth/password", new { currentPassword = "user password 1", newPassword = "user password 2" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        var cookie = browser.SessionCookieHeader;
        using var logout = await browser.PostJsonAsync("api/auth/logout", null);
        using var replayer = host.CreateClient();
        using var replay = await replayer.SendAsync(HttpMethod.Get, "api/threads", cookieHeader: cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await replayer.LoginAsync("dave", "user password 2")).StatusCode);
    }
}
