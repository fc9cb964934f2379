using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication.Accounts;
using Parley.Hosting;
using Parley.Protocol;
using Parley.Tests.Authentication.Sessions;

namespace Parley.Tests.Authentication.Accounts;

public sealed class AccountTests
{
    private const string AdminPassword = "admin password 1";
    private const string UserPassword = "user password 1";

    private static Action<ParleyOptions> Accounts(RegistrationMode registration = RegistrationMode.Closed, Action<AccountOptions>? more = null) => options =>
    {
        options.Auth.Accounts.Enabled = true;
        options.Auth.Accounts.Registration = registration;
        more?.Invoke(options.Auth.Accounts);
    };

    /// <summary>The problem's status, title and detail: everything but the per-request trace id.</summary>
    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var problem = await SessionClient.ReadJsonAsync(response);
        Assert.Equal(["detail", "status", "title", "traceId", "type"], problem.EnumerateObject().Select(p => p.Name).Order());
        return $"{problem.GetProperty("status")}|{problem.GetProperty("title")}|{problem.GetProperty("detail")}|{problem.GetProperty("type")}";
    }

    [Fact]
    public async Task The_first_administrator_comes_from_configuration_once_and_only_while_none_exists()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-session-tests", Guid.NewGuid().ToString("N"));
        using var cleanup = new TempFolder(data);
        await using (var first = await SessionTestHost.StartAsync(Accounts(more: a => { a.Admin.Username = "root"; a.Admin.Password = AdminPassword; }), dataDirectory: data))
        {
            using var browser = first.CreateClient();
            using var login = await browser.LoginAsync("root", AdminPassword);
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var config = await browser.GetConfigAsync();
            Assert.True(config.GetProperty("auth").GetProperty("isAdmin").GetBoolean());
        }

        // A restart with another configured password changes nothing: an administrator exists.
        await using var second = await SessionTestHost.StartAsync(Accounts(more: a => { a.Admin.Username = "root"; a.Admin.Password = "another password"; }), dataDirectory: data);
        using var again = second.CreateClient();
        using var withNew = await again.LoginAsync("root", "another password");
        using var withOld = await again.LoginAsync("root", AdminPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, withNew.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
    }

    [Fact]
    public async Task The_create_admin_command_reads_the_password_from_standard_input()
    {
        var (app, host) = SessionTestHost.Build(Accounts());
        await using (host)
        {
            var output = new StringWriter();
            var ran = await app.RunParleyCommandsAsync(["parley", "create-admin", "--username", "ops"], new StringReader(AdminPassword + "\n"), output, TestContext.Current.CancellationToken)
                .WaitAsync(SessionTestHost.Timeout, TestContext.Current.CancellationToken);
            Assert.True(ran);
            Assert.Equal(0, Environment.ExitCode);
            Assert.Contains("Created administrator ops.", output.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(AdminPassword, output.ToString(), StringComparison.Ordinal);

            Assert.False(await app.RunParleyCommandsAsync(["--urls", "http://127.0.0.1:0"], TextReader.Null, TextWriter.Null, TestContext.Current.CancellationToken));
            var tooShort = new StringWriter();
            await app.RunParleyCommandsAsync(["parley", "create-admin", "--username", "ops2"], new StringReader("short\n"), tooShort, TestContext.Current.CancellationToken);
            Assert.Equal(1, Environment.ExitCode);
            Environment.ExitCode = 0;

            await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(SessionTestHost.Timeout, TestContext.Current.CancellationToken);
            var address = app.Urls.First();
            var admins = await host.QueryAsync<string>("SELECT username FROM accounts WHERE is_admin = 1");
            Assert.Equal(["ops"], admins);
            Assert.NotEmpty(address);
        }
    }

    [Fact]
    public async Task Registration_that_is_closed_is_refused()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts(RegistrationMode.Closed));
        using var browser = host.CreateClient();

        using var response = await browser.RegisterAsync("mallory", UserPassword);
        var config = await browser.GetConfigAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("closed", config.GetProperty("auth").GetProperty("registration").GetString());
        Assert.Empty(await host.QueryAsync<string>("SELECT username FROM accounts"));
    }

    [Fact]
    public async Task Invite_only_registration_needs_an_unused_code_an_administrator_created()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts(RegistrationMode.Invite));
        await host.CreateAccountAsync("root", AdminPassword, admin: true);
        using var admin = host.CreateClient();
        using var adminLogin = await admin.LoginAsync("root", AdminPassword);
        using var created = await admin.PostJsonAsync("api/auth/invites", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await SessionClient.ReadJsonAsync(created)).GetProperty("code").GetString()!;

        using var first = host.CreateClient();
        using var noCode = await first.RegisterAsync("carol", UserPassword);
        using var badCode = await first.RegisterAsync("carol", UserPassword, inviteCode: "not-a-real-code");
        using var goodCode = await first.RegisterAsync("carol", UserPassword, inviteCode: code);
        using var second = host.CreateClient();
        using var reused = await second.RegisterAsync("dave", UserPassword, inviteCode: code);

        Assert.Equal(HttpStatusCode.Forbidden, noCode.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, badCode.StatusCode);
        Assert.Equal(HttpStatusCode.Created, goodCode.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reused.StatusCode);
        Assert.Equal("invite", (await second.GetConfigAsync()).GetProperty("auth").GetProperty("registration").GetString());
        Assert.Equal(["carol", "root"], await host.QueryAsync<string>("SELECT username FROM accounts ORDER BY username"));
        Assert.DoesNotContain(code, string.Join(",", await host.QueryAsync<string>("SELECT code_hash FROM account_invites")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_invite_is_refused()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts(RegistrationMode.Invite, a => a.InviteLifetime = TimeSpan.FromHours(1)));
        await host.CreateAccountAsync("root", AdminPassword, admin: true);
        using var admin = host.CreateClient();
        using var adminLogin = await admin.LoginAsync("root", AdminPassword);
        var code = (await SessionClient.ReadJsonAsync(await admin.PostJsonAsync("api/auth/invites", null))).GetProperty("code").GetString()!;

        host.Time.Advance(TimeSpan.FromHours(2));
        using var browser = host.CreateClient();
        using var response = await browser.RegisterAsync("carol", UserPassword, inviteCode: code);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Open_registration_signs_the_new_user_in_and_user_names_are_unique_ignoring_case()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts(RegistrationMode.Open));
        using var browser = host.CreateClient();

        using var created = await browser.RegisterAsync("Carol", UserPassword, displayName: "Carol C.");
        using var threads = await browser.GetAsync("api/threads");
        using var other = host.CreateClient();
        using var duplicate = await other.RegisterAsync("carol", UserPassword);
        using var badName = await other.RegisterAsync("anonymous:x", UserPassword);
        using var badPassword = await other.RegisterAsync("erin", "short");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await SessionClient.ReadJsonAsync(created);
        Assert.Equal("Carol", body.GetProperty("user").GetProperty("identifier").GetString());
        Assert.Equal("Carol C.", body.GetProperty("user").GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.OK, threads.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPassword.StatusCode);
        using var loginOtherCase = await other.LoginAsync("CAROL", UserPassword);
        Assert.Equal(HttpStatusCode.OK, loginOtherCase.StatusCode);
    }

    [Fact]
    public async Task Registering_cannot_take_over_a_user_another_sign_in_mode_created()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts(RegistrationMode.Open));
        // A user with history, signed in some other way (copilot token, proxy header…).
        await host.Service<Parley.Data.IUserStore>().GetOrCreateAsync("victim", "Victim", null, TestContext.Current.CancellationToken)
            .WaitAsync(SessionTestHost.Timeout, TestContext.Current.CancellationToken);
        using var browser = host.CreateClient();

        using var response = await browser.RegisterAsync("victim", UserPassword);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(await host.QueryAsync<string>("SELECT username FROM accounts"));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_users_other_sessions_and_keeps_this_one()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts());
        await host.CreateAccountAsync("carol", UserPassword);
        using var laptop = host.CreateClient();
        using var phone = host.CreateClient();
        using var a = await laptop.LoginAsync("carol", UserPassword);
        using var b = await phone.LoginAsync("carol", UserPassword);
        await using var phoneHub = await phone.ConnectHubAsync();

        using var wrong = await laptop.PostJsonAsync("api/auth/password", new { currentPassword = "not it at all", newPassword = "brand new password" });
        using var changed = await laptop.PostJsonAsync("api/auth/password", new { currentPassword = UserPassword, newPassword = "brand new password" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await phoneHub.WaitForCloseAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("api/threads")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("api/threads")).StatusCode);
        using var fresh = host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.LoginAsync("carol", UserPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.LoginAsync("carol", "brand new password")).StatusCode);
    }

    [Fact]
    public async Task A_security_stamp_changed_elsewhere_ends_sessions_that_carry_the_old_one()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts());
        await host.CreateAccountAsync("carol", UserPassword);
        using var browser = host.CreateClient();
        using var login = await browser.LoginAsync("carol", UserPassword);

        await host.ExecuteAsync("UPDATE accounts SET security_stamp = 'changed-by-another-instance'");

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("api/threads")).StatusCode);
        Assert.Equal(["security_stamp_changed"], await host.QueryAsync<string>("SELECT revoked_reason FROM parley_sessions"));
    }

    [Fact]
    public async Task An_account_locks_after_repeated_wrong_passwords_and_refuses_even_the_right_one_until_the_lockout_ends()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts(more: a => { a.MaxFailedAttempts = 3; a.LockoutDuration = TimeSpan.FromMinutes(10); }));
        await host.CreateAccountAsync("carol", UserPassword);
        using var browser = host.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("carol", "wrong " + i + " password")).StatusCode);
        }
        using var locked = await browser.LoginAsync("carol", UserPassword);
        host.Time.Advance(TimeSpan.FromMinutes(11));
        using var unlocked = await browser.LoginAsync("carol", UserPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
    }

    [Fact]
    public async Task Unknown_user_wrong_password_and_locked_account_get_the_same_answer_and_each_costs_one_hash()
    {
        var hasher = new CountingPasswordHasher();
        await using var host = await SessionTestHost.StartAsync(
            Accounts(more: a => a.MaxFailedAttempts = 2),
            services => services.AddSingleton<IPasswordHasher<AccountRecord>>(hasher));
        await host.CreateAccountAsync("carol", UserPassword);
        await host.CreateAccountAsync("lockedout", UserPassword);
        using var browser = host.CreateClient();
        await browser.GetConfigAsync();
        await browser.LoginAsync("lockedout", "wrong password 1");
        await browser.LoginAsync("lockedout", "wrong password 2");

        async Task<(HttpStatusCode Status, string Body, int Hashes)> AttemptAsync(string username, string password)
        {
            var before = hasher.Verifications;
            using var response = await browser.LoginAsync(username, password);
            return (response.StatusCode, await BodyAsync(response), hasher.Verifications - before);
        }

        var unknown = await AttemptAsync("nobody-by-this-name", "some password 1");
        var wrong = await AttemptAsync("carol", "some password 1");
        var locked = await AttemptAsync("lockedout", UserPassword);
        var malformed = await AttemptAsync("not a valid name!", "some password 1");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.All(new[] { wrong, locked, malformed }, other =>
        {
            Assert.Equal(unknown.Status, other.Status);
            Assert.Equal(unknown.Body, other.Body);
        });
        Assert.All(new[] { unknown, wrong, locked, malformed }, attempt => Assert.Equal(1, attempt.Hashes));
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_sessions_and_closes_their_hub_connections()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts());
        await host.CreateAccountAsync("root", AdminPassword, admin: true);
        await host.CreateAccountAsync("carol", UserPassword);
        using var admin = host.CreateClient();
        using var carol = host.CreateClient();
        using var a = await admin.LoginAsync("root", AdminPassword);
        using var c = await carol.LoginAsync("carol", UserPassword);
        await using var hub = await carol.ConnectHubAsync();
        Assert.True((await hub.SendAsync(new StartChat())).Ok);
        var users = await SessionClient.ReadJsonAsync(await admin.GetAsync("api/auth/users"));
        var carolId = users.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("username").GetString() == "carol").GetProperty("id").GetString();

        using var forbidden = await carol.PostJsonAsync($"api/auth/users/{carolId}/disable", null);
        using var disabled = await admin.PostJsonAsync($"api/auth/users/{carolId}/disable", null);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        await hub.WaitForCloseAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await carol.GetAsync("api/threads")).StatusCode);
        using var again = host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.LoginAsync("carol", UserPassword)).StatusCode);
        Assert.Equal(["user_disabled"], await host.QueryAsync<string>("SELECT s.revoked_reason FROM parley_sessions s JOIN accounts a ON a.user_id = s.user_id WHERE a.username = 'carol'"));
    }

    [Fact]
    public async Task Only_an_administrator_creates_invites_or_lists_users()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts(RegistrationMode.Invite));
        await host.CreateAccountAsync("carol", UserPassword);
        using var carol = host.CreateClient();
        using var login = await carol.LoginAsync("carol", UserPassword);

        using var invite = await carol.PostJsonAsync("api/auth/invites", null);
        using var list = await carol.GetAsync("api/auth/users");
        using var anonymous = host.CreateClient();
        await anonymous.GetConfigAsync();
        using var signedOut = await anonymous.PostJsonAsync("api/auth/invites", null);

        Assert.Equal(HttpStatusCode.Forbidden, invite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Empty(await host.QueryAsync<string>("SELECT id FROM account_invites"));
        Assert.Equal(JsonValueKind.Object, (await carol.GetConfigAsync()).GetProperty("auth").ValueKind);
    }
}
