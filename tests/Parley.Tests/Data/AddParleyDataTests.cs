using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Data;
using Parley.Data.Migrations;
using Parley.Files;
using Parley.Hosting;

namespace Parley.Tests.Data;

public sealed class AddParleyDataTests : IDisposable
{
    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("parley-app-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _contentRoot.Delete(recursive: true);

    [Fact]
    public async Task By_default_the_database_is_parley_db_and_files_are_in_the_data_directory_under_the_content_root()
    {
        using var host = Build(_ => { });

        await host.StartAsync(Ct).WithTimeout();

        var data = Path.Combine(_contentRoot.FullName, "data");
        Assert.True(File.Exists(Path.Combine(data, "parley.db")));
        Assert.Equal(Path.Combine(data, "files"), Assert.IsType<LocalFileStore>(host.Services.GetRequiredService<IFileStore>()).Root);
        var user = await host.Services.GetRequiredService<IUserStore>().GetOrCreateAsync("ada", null, null, Ct).WithTimeout();
        Assert.Equal(user, await host.Services.GetRequiredService<IUserStore>().FindByIdAsync(user.Id, Ct).WithTimeout());
        await host.StopAsync(Ct).WithTimeout();
    }

    [Fact]
    public async Task A_relative_data_directory_is_resolved_against_the_content_root()
    {
        using var host = Build(options => options.DataDirectory = "state/parley");

        await host.StartAsync(Ct).WithTimeout();

        Assert.True(File.Exists(Path.Combine(_contentRoot.FullName, "state", "parley", "parley.db")));
        await host.StopAsync(Ct).WithTimeout();
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_fails_start_up_naming_the_setting()
    {
        using var host = Build(options => options.Database.Provider = DatabaseProvider.Postgres);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct).WithTimeout());

        Assert.Contains("Parley:Database:ConnectionString is required when Parley:Database:Provider is Postgres.", error.Message);
    }

    [Fact]
    public async Task An_empty_data_directory_fails_start_up_naming_the_setting()
    {
        using var host = Build(options => options.DataDirectory = " ");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct).WithTimeout());

        Assert.Contains("Parley:DataDirectory is required", error.Message);
    }

    [Fact]
    public void Adding_the_data_layer_twice_registers_one_migrator_and_one_set_of_migrations()
    {
        var services = new ServiceCollection();

        services.AddParleyData();
        services.AddParleyData();

        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IHostedService));
        Assert.Equal(
            [typeof(DataMigrations), typeof(UserSettingsMigrations), typeof(DataProtectionMigrations)],
            services.Where(descriptor => descriptor.ServiceType == typeof(IMigrationSource)).Select(descriptor => descriptor.ImplementationType));
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IUserSettingsStore));
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IThreadStore));
    }

    private IHost Build(Action<ParleyOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _contentRoot.FullName,
            DisableDefaults = true,
        });
        builder.Services.AddOptions<ParleyOptions>().Configure(configure);
        builder.Services.AddParleyData();
        return builder.Build();
    }
}
