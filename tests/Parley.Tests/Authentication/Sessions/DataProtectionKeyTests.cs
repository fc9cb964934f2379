using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Authentication;
using Parley.Data;
using Parley.Tests.Authentication.Accounts;

namespace Parley.Tests.Authentication.Sessions;

/// <summary>
/// The Data Protection key ring in Parley's database, on SQLite (two instances at once on
/// PostgreSQL: <see cref="PostgresSessionTests"/>).
/// </summary>
public sealed class DataProtectionKeyTests
{
    /// <summary>
    /// The app's set-up under test: keys in Parley's database. Instances read each other's
    /// protected data only under one application name, by default the content root, which each
    /// test host has its own of.
    /// </summary>
    internal static void PersistKeys(IServiceCollection services) =>
        services.AddDataProtection().PersistKeysToParleyDatabase().SetApplicationName("Parley.Tests");

    /// <summary>The key ids an instance's key manager knows (it reads them through the repository).</summary>
    internal static Task<List<Guid>> KeyIdsAsync(SessionTestHost host) =>
        Task.Run(() => host.Service<IKeyManager>().GetAllKeys().Select(key => key.KeyId).Order().ToList(), TestContext.Current.CancellationToken)
            .WaitAsync(SessionTestHost.Timeout, TestContext.Current.CancellationToken);

    /// <summary>The ids of the keys stored in the database.</summary>
    internal static async Task<List<Guid>> StoredKeyIdsAsync(SessionTestHost host) =>
        [.. (await host.QueryAsync<string>("SELECT xml FROM data_protection_keys"))
            .Select(xml => XElement.Parse(xml))
            .Where(element => element.Name == "key")
            .Select(key => Guid.Parse(key.Attribute("id")!.Value))
            .Order()];

    private static void PersistKeysWithUsers(IServiceCollection services)
    {
        TestUsers.AddCallback(services);
        PersistKeys(services);
    }

    private static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "parley-session-tests", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Starts the app on <paramref name="data"/>, signs alice in, runs <paramref name="beforeStop"/>
    /// and stops the app; returns the browser, still holding its cookies and antiforgery token.
    /// </summary>
    private static async Task<SessionClient> SignInThenStopAsync(string data, Func<SessionTestHost, Task>? beforeStop = null)
    {
        await using var before = await SessionTestHost.StartAsync(services: PersistKeysWithUsers, dataDirectory: data);
        var browser = before.CreateClient();
        using var login = await browser.LoginAsync("alice", TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        if (beforeStop is not null)
        {
            await beforeStop(before);
        }
        return browser;
    }

    [Fact]
    public async Task A_fresh_database_starts_with_its_first_key_created_in_it_and_no_key_ring_error()
    {
        await using var host = await SessionTestHost.StartAsync(services: PersistKeys);

        // The migrator runs in StartingAsync, before Data Protection's hosted service loads the
        // key ring in StartAsync; the other way round, reading the missing table fails here.
        var dataProtection = host.Logs.Entries.Where(e => e.Category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(dataProtection, e => e.Level >= LogLevel.Error || e.Message.Contains("failed to load", StringComparison.Ordinal));
        Assert.Contains(dataProtection, e => e.Message.Contains("was loaded during application startup", StringComparison.Ordinal));
        Assert.IsType<SqlXmlRepository>(host.Service<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        var stored = await StoredKeyIdsAsync(host);
        Assert.Single(stored);
        Assert.Equal(stored, await KeyIdsAsync(host));
    }

    [Fact]
    public async Task A_session_signed_in_before_a_restart_still_works_after_it_with_its_antiforgery_token()
    {
        var data = NewDataDirectory();
        using var cleanup = new TempFolder(data);
        using var browser = await SignInThenStopAsync(data);

        await using var after = await SessionTestHost.StartAsync(services: PersistKeysWithUsers, dataDirectory: data);
        using var restarted = browser.MoveTo(after);
        using var threads = await restarted.GetAsync("api/threads");
        // A state change: signed in (not 401) and the antiforgery token accepted (not 400); nothing to delete.
        using var delete = await restarted.DeleteAsync("api/threads/" + Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.OK, threads.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.DoesNotContain(after.Logs.Entries, e => e.EventId.Id == ParleyAuthenticationEventIds.SessionUnreadable);
    }

    [Fact]
    public async Task Without_the_keys_in_the_database_a_restarted_app_cannot_read_the_old_session()
    {
        var data = NewDataDirectory();
        using var cleanup = new TempFolder(data);
        using var browser = await SignInThenStopAsync(data, before => before.ExecuteAsync("DELETE FROM data_protection_keys"));

        await using var after = await SessionTestHost.StartAsync(services: PersistKeysWithUsers, dataDirectory: data);
        using var restarted = browser.MoveTo(after);
        using var threads = await restarted.GetAsync("api/threads");

        // The keys came from the database and nowhere else: without them the cookie is unreadable.
        Assert.Equal(HttpStatusCode.Unauthorized, threads.StatusCode);
        Assert.Contains(after.Logs.Entries, e => e.Message.Contains("Unprotect ticket failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_database_holds_the_key_xml_and_the_key_s_secret_never_reaches_a_log()
    {
        await using var host = await SessionTestHost.StartAsync(services: PersistKeysWithUsers);
        using var browser = host.CreateClient();
        using var login = await browser.LoginAsync("alice", TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("api/threads")).StatusCode);

        var (friendlyName, xml) = Assert.Single(await host.QueryAsync<(string FriendlyName, string Xml)>("SELECT friendly_name, xml FROM data_protection_keys"));
        var key = XElement.Parse(xml);
        Assert.Equal("key", key.Name.LocalName);
        Assert.Equal($"key-{key.Attribute("id")!.Value}", friendlyName);
        // Without ProtectKeysWith… the master key is in the XML as ASP.NET Core wrote it.
        var secret = Assert.Single(key.Descendants("masterKey").Elements("value")).Value;
        Assert.True(secret.Length >= 32, "the master key's base64 value");
        Assert.DoesNotContain(host.Logs.Entries, e => e.AllText.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(host.Logs.Entries, e => e.Category == typeof(SqlXmlRepository).FullName && e.Message.Contains(friendlyName, StringComparison.Ordinal));
    }
}
