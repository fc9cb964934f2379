using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Parley.Hosting;
using Parley.Tests.Authentication.Sessions;
using Parley.Tests.Fixtures;

namespace Parley.Tests.Authentication.Password;

/// <summary>
/// Sign-in throttling with PostgreSQL: the counters are in the database, so instances sharing it
/// share the limits. Each instance has its own clock; the tests move both.
/// </summary>
public sealed class DatabaseLoginThrottleTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh PostgreSQL database, the callback that knows alice and bob, and a per-account limit.</summary>
    private async Task<Action<ParleyOptions>> SharedDatabaseAsync(int attemptsPerAccount)
    {
        var connectionString = await postgres.CreateDatabaseAsync(Ct);
        return options =>
        {
            options.Database.Provider = DatabaseProvider.Postgres;
            options.Database.ConnectionString = connectionString;
            options.Auth.Login.AttemptsPerAccount = attemptsPerAccount;
            // Every test client is 127.0.0.1: only the account's limit is under test.
            options.Auth.Login.AttemptsPerClient = 1000;
            options.Auth.Login.Window = Window;
        };
    }

    private static Task<SessionTestHost> StartAsync(Action<ParleyOptions> database) =>
        SessionTestHost.StartAsync(database, TestUsers.AddCallback);

    private static Task<IReadOnlyList<string>> CounterKeysAsync(SessionTestHost host) =>
        host.QueryAsync<string>("SELECT key_hash FROM login_throttle");

    [Fact]
    public async Task Attempts_alternating_between_two_instances_are_refused_after_the_limit_in_total_until_the_window_ends()
    {
        var database = await SharedDatabaseAsync(attemptsPerAccount: 4);
        await using var first = await StartAsync(database);
        await using var second = await StartAsync(database);
        using var onFirst = first.CreateClient();
        using var onSecond = second.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            using var guess = await (i % 2 == 0 ? onFirst : onSecond).LoginAsync("alice", "guess " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }
        using var refusedByFirst = await onFirst.LoginAsync("alice", TestUsers.Password);
        using var refusedBySecond = await onSecond.LoginAsync("ALICE", TestUsers.Password);
        using var otherAccount = await onFirst.LoginAsync("bob", TestUsers.Password);
        first.Time.Advance(Window + TimeSpan.FromMinutes(1));
        second.Time.Advance(Window + TimeSpan.FromMinutes(1));
        using var laterOnSecond = await onSecond.LoginAsync("alice", TestUsers.Password);

        foreach (var refused in new[] { refusedByFirst, refusedBySecond })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
            Assert.InRange(retryAfter, 1, (int)Window.TotalSeconds);
        }
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
        Assert.Equal(HttpStatusCode.OK, laterOnSecond.StatusCode);
    }

    [Fact]
    public async Task Concurrent_attempts_on_two_instances_never_let_more_than_the_limit_through()
    {
        const int limit = 5;
        const int attempts = 40;
        var database = await SharedDatabaseAsync(limit);
        await using var first = await StartAsync(database);
        await using var second = await StartAsync(database);
        using var onFirst = first.CreateClient();
        using var onSecond = second.CreateClient();
        await onFirst.GetConfigAsync();
        await onSecond.GetConfigAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, attempts).Select(i =>
            (i % 2 == 0 ? onFirst : onSecond).PostJsonAsync("api/auth/login", new { username = "alice", password = "guess " + i })))
            .WaitAsync(SessionTestHost.Timeout, Ct);
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        // Every attempt let through reaches the callback and fails on its wrong password.
        Assert.Equal(limit, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(attempts - limit, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task The_shared_counters_hold_hashes_of_their_keys_never_a_user_name_or_an_address()
    {
        await using var host = await StartAsync(await SharedDatabaseAsync(attemptsPerAccount: 10));
        using var browser = host.CreateClient();

        using var guess = await browser.LoginAsync("alice", "guess");
        var keys = await CounterKeysAsync(host);
        var everything = string.Join(" ", await host.QueryAsync<string>("SELECT key_hash || ' ' || attempts || ' ' || expires_at FROM login_throttle"));

        Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        // One counter for the client, one for the account.
        Assert.Equal(2, keys.Count);
        Assert.All(keys, key => Assert.Matches("^[0-9a-f]{64}$", key));
        Assert.DoesNotContain("alice", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counters_whose_window_ended_are_deleted()
    {
        await using var host = await StartAsync(await SharedDatabaseAsync(attemptsPerAccount: 10));
        using var browser = host.CreateClient();
        using var alice = await browser.LoginAsync("alice", "guess");
        Assert.Equal(2, (await CounterKeysAsync(host)).Count);

        host.Time.Advance(TimeSpan.FromHours(2));
        using var bob = await browser.LoginAsync("bob", "guess");

        // The client's counter started a new window, bob's is new, alice's ended and is gone.
        Assert.Equal(2, (await CounterKeysAsync(host)).Count);
        Assert.Equal(2, (await host.QueryAsync<long>("SELECT COUNT(*) FROM login_throttle WHERE attempts = 1"))[0]);
    }

    [Fact]
    public async Task When_the_database_cannot_count_attempts_they_are_counted_in_memory_with_a_warning_until_it_can_again()
    {
        await using var host = await StartAsync(await SharedDatabaseAsync(attemptsPerAccount: 2));
        using var browser = host.CreateClient();
        await host.ExecuteAsync("ALTER TABLE login_throttle RENAME TO login_throttle_away");

        using var first = await browser.LoginAsync("alice", "guess 1");
        using var second = await browser.LoginAsync("alice", "guess 2");
        using var refused = await browser.LoginAsync("alice", TestUsers.Password);
        await host.ExecuteAsync("ALTER TABLE login_throttle_away RENAME TO login_throttle");
        host.Time.Advance(Window + TimeSpan.FromMinutes(1));
        using var recovered = await browser.LoginAsync("alice", TestUsers.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 1504 && e.Level == LogLevel.Warning);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(2, (await CounterKeysAsync(host)).Count);
    }

    [Fact]
    public async Task With_sqlite_attempts_are_counted_in_memory_and_never_written_to_the_database()
    {
        await using var host = await SessionTestHost.StartAsync(o => o.Auth.Login.AttemptsPerAccount = 2, TestUsers.AddCallback);
        using var browser = host.CreateClient();

        using var first = await browser.LoginAsync("alice", "guess 1");
        using var second = await browser.LoginAsync("alice", "guess 2");
        using var refused = await browser.LoginAsync("alice", TestUsers.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Empty(await CounterKeysAsync(host));
    }
}
