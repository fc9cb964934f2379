using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Parley.Data;
using Parley.Data.Migrations;
using Parley.Hosting;

namespace Parley.Tests.Data;

public abstract partial class DataStoreTests
{
    [Fact]
    public async Task Migrating_an_up_to_date_database_again_changes_nothing()
    {
        var before = await CountAsync(Database, "SELECT COUNT(*) FROM parley_schema_migrations");

        var applied = await Migrator(Database).MigrateAsync(Ct).WithTimeout();

        Assert.Empty(applied);
        Assert.Equal(new DataMigrations().Migrations.Count(), before);
        Assert.Equal(before, await CountAsync(Database, "SELECT COUNT(*) FROM parley_schema_migrations"));
    }

    [Fact]
    public async Task Two_migrators_racing_on_a_new_database_both_succeed_and_apply_each_migration_once()
    {
        var connectionString = await CreateDatabaseAsync().WithTimeout();
        // Separate databases objects: separate pools and write queues, like two instances.
        var first = Migrator(Open(connectionString));
        var second = Migrator(Open(connectionString));

        var results = await Task.WhenAll(
            Task.Run(() => first.MigrateAsync(Ct), Ct),
            Task.Run(() => second.MigrateAsync(Ct), Ct)).WithTimeout();

        var expected = new DataMigrations().Migrations.Count();
        Assert.Equal(expected, results.Sum(applied => applied.Count));
        Assert.Contains(results, applied => applied.Count == 0);
        Assert.Equal(expected, await CountAsync(Open(connectionString), "SELECT COUNT(*) FROM parley_schema_migrations"));
    }

    [Fact]
    public async Task A_contributed_migration_is_applied_even_when_its_version_is_below_one_already_applied()
    {
        var late = Migration.Portable(1500, "late_feature", "CREATE TABLE late_feature (id TEXT NOT NULL PRIMARY KEY)");
        var early = Migration.Portable(1200, "early_feature", "CREATE TABLE early_feature (id TEXT NOT NULL PRIMARY KEY)");
        await Migrator(Database, new TestMigrations(late)).MigrateAsync(Ct).WithTimeout();

        var applied = await Migrator(Database, new TestMigrations(early, late)).MigrateAsync(Ct).WithTimeout();

        Assert.Equal([early], applied);
        Assert.Equal(0, await CountAsync(Database, "SELECT COUNT(*) FROM early_feature"));
        Assert.Equal(1, await CountAsync(Database, "SELECT COUNT(*) FROM parley_schema_migrations WHERE version = 1200 AND name = 'early_feature'"));
    }

    [Fact]
    public async Task A_failing_migration_leaves_the_schema_as_it_was()
    {
        var good = Migration.Portable(1100, "good", "CREATE TABLE good_feature (id TEXT NOT NULL PRIMARY KEY)");
        var bad = Migration.Portable(1101, "bad", "CREATE TABLE users (id TEXT)");

        await Assert.ThrowsAnyAsync<Exception>(() => Migrator(Database, new TestMigrations(good, bad)).MigrateAsync(Ct).WithTimeout());

        Assert.Equal(0, await CountAsync(Database, "SELECT COUNT(*) FROM parley_schema_migrations WHERE version >= 1100"));
        Assert.Equal([good], await Migrator(Database, new TestMigrations(good)).MigrateAsync(Ct).WithTimeout());
    }

    [Fact]
    public async Task Starting_the_host_migrates_the_database_before_any_hosted_service_starts()
    {
        var connectionString = await CreateDatabaseAsync().WithTimeout();
        var contentRoot = Directory.CreateTempSubdirectory("parley-host-");
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                ContentRootPath = contentRoot.FullName,
                DisableDefaults = true,
            });
            // Registered before the data layer: it still finds the tables, because migrations
            // run in the lifecycle's "starting" phase, ahead of every StartAsync.
            builder.Services.AddSingleton<EarlyHostedService>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<EarlyHostedService>());
            builder.Services.AddOptions<ParleyOptions>().Configure(options =>
            {
                options.Database.Provider = Provider;
                options.Database.ConnectionString = connectionString;
            });
            builder.Services.AddParleyData();
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource>(new TestMigrations(
                Migration.Portable(1000, "contributed", "CREATE TABLE contributed (id TEXT NOT NULL PRIMARY KEY)"))));
            using var host = builder.Build();

            await host.StartAsync(Ct).WithTimeout();

            Assert.Equal("early@example.com", host.Services.GetRequiredService<EarlyHostedService>().User?.Identifier);
            var database = Open(connectionString);
            Assert.Equal(0, await CountAsync(database, "SELECT COUNT(*) FROM contributed"));
            Assert.Equal(1, await CountAsync(database, "SELECT COUNT(*) FROM parley_schema_migrations WHERE version = 1000"));
            Assert.Equal(0, await host.Services.MigrateParleyDatabaseAsync(Ct).WithTimeout());
            await host.StopAsync(Ct).WithTimeout();
        }
        finally
        {
            contentRoot.Delete(recursive: true);
        }
    }

    private sealed class TestMigrations(params Migration[] migrations) : IMigrationSource
    {
        public IEnumerable<Migration> Migrations => migrations;
    }

    private sealed class EarlyHostedService(IUserStore users) : IHostedService
    {
        public UserRecord? User { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken) =>
            User = await users.GetOrCreateAsync("early@example.com", null, null, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
