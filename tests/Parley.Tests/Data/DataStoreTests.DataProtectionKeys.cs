using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Data;
using Parley.Data.Migrations;

namespace Parley.Tests.Data;

public abstract partial class DataStoreTests
{
    private async Task<SqlXmlRepository> KeyRepositoryAsync(SqlDatabase database)
    {
        await Migrator(database, new DataProtectionMigrations()).MigrateAsync(Ct).WithTimeout();
        return new SqlXmlRepository(database, Time, NullLogger<SqlXmlRepository>.Instance);
    }

    // The repository is synchronous: called on the thread pool, so a hang fails the test.
    private static Task<IReadOnlyCollection<XElement>> ReadKeysAsync(SqlXmlRepository keys) => Task.Run(keys.GetAllElements, Ct).WithTimeout();

    private static Task StoreKeyAsync(SqlXmlRepository keys, XElement element, string friendlyName) =>
        Task.Run(() => keys.StoreElement(element, friendlyName), Ct).WithTimeout();

    [Fact]
    public async Task Key_ring_elements_are_stored_as_their_xml_and_read_back_by_another_instance_in_the_order_they_were_stored()
    {
        var keys = await KeyRepositoryAsync(Database);
        var key = XElement.Parse("""
            <key id="6f1d3a52-7c1e-4a8e-9d6b-0c3f1e2a4b5c" version="1">
              <creationDate>2026-01-01T00:00:00Z</creationDate>
              <descriptor><masterKey><value>c2VjcmV0</value></masterKey></descriptor>
            </key>
            """);
        var revocation = XElement.Parse("""<revocation version="1"><revocationDate>2026-01-02T00:00:00Z</revocationDate><key id="6f1d3a52-7c1e-4a8e-9d6b-0c3f1e2a4b5c" /><reason>rotated</reason></revocation>""");
        Assert.Empty(await ReadKeysAsync(keys));

        await StoreKeyAsync(keys, key, "key-6f1d3a52-7c1e-4a8e-9d6b-0c3f1e2a4b5c");
        Time.Now += TimeSpan.FromMilliseconds(1);
        await StoreKeyAsync(keys, revocation, "revocation-6f1d3a52-7c1e-4a8e-9d6b-0c3f1e2a4b5c");

        // Another database object: its own connections (and write queue), like another instance.
        var read = await ReadKeysAsync(new SqlXmlRepository(Open(ConnectionString), Time, NullLogger<SqlXmlRepository>.Instance));
        Assert.Equal([key.ToString(SaveOptions.DisableFormatting), revocation.ToString(SaveOptions.DisableFormatting)],
            read.Select(element => element.ToString(SaveOptions.DisableFormatting)));
        var rows = await Database.ReadAsync(async connection => (await connection.QueryAsync<(string FriendlyName, string Xml, long CreatedAt)>(
            "SELECT friendly_name, xml, created_at FROM data_protection_keys ORDER BY created_at")).AsList(), Ct).WithTimeout();
        Assert.Equal(
            [
                ("key-6f1d3a52-7c1e-4a8e-9d6b-0c3f1e2a4b5c", key.ToString(SaveOptions.DisableFormatting), T0.ToUnixTimeMilliseconds()),
                ("revocation-6f1d3a52-7c1e-4a8e-9d6b-0c3f1e2a4b5c", revocation.ToString(SaveOptions.DisableFormatting), T0.ToUnixTimeMilliseconds() + 1),
            ],
            rows);
    }

    [Fact]
    public async Task Two_key_managers_on_one_database_share_one_key_ring()
    {
        await using var first = DataProtectionOver(await KeyRepositoryAsync(Database));
        await using var second = DataProtectionOver(await KeyRepositoryAsync(Open(ConnectionString)));

        var protectedText = await Task.Run(() => first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("shared secret"), Ct).WithTimeout();
        var unprotected = await Task.Run(() => second.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText), Ct).WithTimeout();

        Assert.Equal("shared secret", unprotected);
        var firstKeys = await Task.Run(() => first.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId).ToList(), Ct).WithTimeout();
        var secondKeys = await Task.Run(() => second.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId).ToList(), Ct).WithTimeout();
        Assert.Single(firstKeys);
        Assert.Equal(firstKeys, secondKeys);
        Assert.Equal(1, await CountAsync(Database, "SELECT COUNT(*) FROM data_protection_keys"));
    }

    private static ServiceProvider DataProtectionOver(SqlXmlRepository repository)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("parley-tests");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = repository);
        return services.BuildServiceProvider();
    }
}
