using System.Net;
using System.Text.RegularExpressions;
using Parley.Authentication;
using Parley.Authentication.Accounts;
using Parley.Hosting;
using Parley.Tests.Authentication.Sessions;
using Parley.Tests.Fixtures;

namespace Parley.Tests.Authentication.Accounts;

/// <summary>
/// First-run setup: the link printed at start-up makes its holder the first administrator, once;
/// nobody without it can, however early they arrive.
/// </summary>
public sealed partial class FirstRunSetupTests(PostgresFixture postgres)
{
    private const string Password = "operator password 1";

    private static Action<ParleyOptions> Accounts(Action<AccountOptions>? more = null) => options =>
    {
        options.Auth.Accounts.Enabled = true;
        options.Auth.Accounts.Registration = RegistrationMode.Invite;
        more?.Invoke(options.Auth.Accounts);
    };

    [GeneratedRegex(@"(?<link>\S+/login#setup=(?<code>[A-Za-z0-9_-]+))")]
    private static partial Regex SetupLink();

    /// <summary>The link the host printed at start-up, and its code.</summary>
    private static (string Link, string Code) PrintedLink(SessionTestHost host)
    {
        var entry = Assert.Single(host.Logs.Entries, e => e.EventId.Id == ParleyAuthenticationEventIds.FirstRunSetupPending);
        var match = SetupLink().Match(entry.Message);
        Assert.True(match.Success, entry.Message);
        return (match.Groups["link"].Value, match.Groups["code"].Value);
    }

    private static bool SetupRequired(System.Text.Json.JsonElement config) => config.GetProperty("auth").GetProperty("setupRequired").GetBoolean();

    [Fact]
    public async Task The_printed_link_makes_its_holder_the_first_administrator_signed_in_once()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts());
        var (link, code) = PrintedLink(host);
        Assert.Equal(new Uri(host.BaseAddress, "login").AbsoluteUri + "#setup=" + code, link);

        using var browser = host.CreateClient();
        var before = await browser.GetConfigAsync();
        Assert.True(SetupRequired(before));
        Assert.DoesNotContain(code, before.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, (await host.QueryAsync<long>("SELECT COUNT(*) FROM account_setup_codes WHERE code_hash = @Code", new { Code = code })).Single());

        using var setup = await browser.SetupAsync(code, "root", Password, "The Operator");
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        var after = await browser.GetConfigAsync();
        Assert.True(after.GetProperty("auth").GetProperty("isAdmin").GetBoolean());
        Assert.False(SetupRequired(after));
        Assert.Equal("The Operator", after.GetProperty("user").GetProperty("displayName").GetString());
        Assert.Equal(["root"], await host.QueryAsync<string>("SELECT username FROM accounts WHERE is_admin = 1"));
        Assert.Empty(await host.QueryAsync<string>("SELECT code_hash FROM account_setup_codes"));

        // The administrator can invite (an admin-only action) and sign in again with the password.
        using var invite = await browser.PostJsonAsync("api/auth/invites", null);
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        using var other = host.CreateClient();
        Assert.False(SetupRequired(await other.GetConfigAsync()));
        using var replay = await other.SetupAsync(code, "mallory", Password);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        using var login = await other.LoginAsync("root", Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(["root"], await host.QueryAsync<string>("SELECT username FROM accounts"));
    }

    [Fact]
    public async Task Without_the_code_nobody_becomes_administrator_however_early()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts());
        var (_, code) = PrintedLink(host);
        using var attacker = host.CreateClient();

        using var none = await attacker.SetupAsync(null, "mallory", Password);
        using var wrong = await attacker.SetupAsync("not-the-code", "mallory", Password);
        using var almost = await attacker.SetupAsync(code[..^1] + (code[^1] == 'A' ? 'B' : 'A'), "mallory", Password);
        attacker.SendAntiforgery = false;
        using var forged = await attacker.SetupAsync(code, "mallory", Password);

        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, almost.StatusCode);
        Assert.Contains("setup code is not valid", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await host.QueryAsync<string>("SELECT username FROM accounts"));
        Assert.True(SetupRequired(await host.CreateClient().GetConfigAsync()));

        // The operator's link still works afterwards.
        using var operatorBrowser = host.CreateClient();
        using var setup = await operatorBrowser.SetupAsync(code, "root", Password);
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
    }

    [Fact]
    public async Task A_bad_user_name_or_password_is_explained_and_the_code_stays_usable()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts(a => a.MinPasswordLength = 12));
        var (_, code) = PrintedLink(host);
        using var browser = host.CreateClient();

        using var shortPassword = await browser.SetupAsync(code, "root", "short pass");
        using var badName = await browser.SetupAsync(code, "root admin", Password);

        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Contains("at least 12 characters", await shortPassword.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains("letters, digits", await badName.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(1, (await host.QueryAsync<long>("SELECT COUNT(*) FROM account_setup_codes WHERE used_at IS NULL")).Single());
        using var fixedUp = await browser.SetupAsync(code, "root", Password);
        Assert.Equal(HttpStatusCode.Created, fixedUp.StatusCode);
    }

    [Fact]
    public async Task Two_browsers_racing_with_the_code_make_exactly_one_administrator()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts());
        var (_, code) = PrintedLink(host);
        var browsers = Enumerable.Range(0, 6).Select(_ => host.CreateClient()).ToList();
        foreach (var browser in browsers)
        {
            await browser.GetConfigAsync();
        }

        var answers = await Task.WhenAll(browsers.Select((b, i) => b.SetupAsync(code, "admin" + i, Password)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Conflict }));
        Assert.Single(await host.QueryAsync<string>("SELECT username FROM accounts"));
        foreach (var (answer, browser) in answers.Zip(browsers))
        {
            answer.Dispose();
            browser.Dispose();
        }
    }

    [Fact]
    public async Task The_code_expires_after_a_day_and_a_restart_prints_a_new_one()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-session-tests", Guid.NewGuid().ToString("N"));
        using var cleanup = new TempFolder(data);
        string firstCode;
        await using (var first = await SessionTestHost.StartAsync(Accounts(), dataDirectory: data))
        {
            firstCode = PrintedLink(first).Code;
            first.Time.Advance(FirstRunSetup.CodeLifetime + TimeSpan.FromMinutes(1));
            using var late = await first.CreateClient().SetupAsync(firstCode, "root", Password);
            Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        }

        await using var second = await SessionTestHost.StartAsync(Accounts(), dataDirectory: data);
        var secondCode = PrintedLink(second).Code;
        Assert.NotEqual(firstCode, secondCode);
        using var browser = second.CreateClient();
        using var setup = await browser.SetupAsync(secondCode, "root", Password);
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
    }

    [Fact]
    public async Task There_is_no_setup_when_an_administrator_exists_or_it_is_turned_off()
    {
        await using (var configured = await SessionTestHost.StartAsync(Accounts(a => { a.Admin.Username = "root"; a.Admin.Password = Password; })))
        {
            Assert.DoesNotContain(configured.Logs.Entries, e => e.EventId.Id == ParleyAuthenticationEventIds.FirstRunSetupPending);
            using var browser = configured.CreateClient();
            Assert.False(SetupRequired(await browser.GetConfigAsync()));
            using var setup = await browser.SetupAsync("anything", "mallory", Password);
            Assert.Equal(HttpStatusCode.Conflict, setup.StatusCode);
        }

        await using var off = await SessionTestHost.StartAsync(Accounts(a => a.FirstRunSetup = false));
        Assert.DoesNotContain(off.Logs.Entries, e => e.EventId.Id == ParleyAuthenticationEventIds.FirstRunSetupPending);
        using var visitor = off.CreateClient();
        Assert.False(SetupRequired(await visitor.GetConfigAsync()));
        using var refused = await visitor.SetupAsync("anything", "mallory", Password);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Empty(await off.QueryAsync<string>("SELECT code_hash FROM account_setup_codes"));
    }

    [Fact]
    public async Task Guessing_codes_is_throttled_per_client()
    {
        await using var host = await SessionTestHost.StartAsync(Accounts(a => { }));
        var (_, code) = PrintedLink(host);
        using var attacker = host.CreateClient();
        var limit = new ParleyOptions().Auth.Login.AttemptsPerAccount;
        for (var i = 0; i < limit; i++)
        {
            using var guess = await attacker.SetupAsync("guess-" + i, "mallory", Password);
            Assert.Equal(HttpStatusCode.Forbidden, guess.StatusCode);
        }

        using var throttled = await attacker.SetupAsync(code, "mallory", Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Empty(await host.QueryAsync<string>("SELECT username FROM accounts"));
    }

    [Fact]
    public async Task On_postgres_the_link_one_instance_printed_works_on_another()
    {
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        Action<ParleyOptions> database = options =>
        {
            Accounts()(options);
            options.Database.Provider = DatabaseProvider.Postgres;
            options.Database.ConnectionString = connectionString;
        };
        await using var first = await SessionTestHost.StartAsync(database);
        await using var second = await SessionTestHost.StartAsync(database);
        var (_, firstCode) = PrintedLink(first);
        var (_, secondCode) = PrintedLink(second);

        using var browser = second.CreateClient();
        using var setup = await browser.SetupAsync(firstCode, "root", Password);
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);

        // Every other code is gone with the setup, and both instances know it is done.
        using var late = await first.CreateClient().SetupAsync(secondCode, "mallory", Password);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Empty(await first.QueryAsync<string>("SELECT code_hash FROM account_setup_codes"));
        Assert.Equal(["root"], await first.QueryAsync<string>("SELECT username FROM accounts"));
    }
}
