using Parley.Data;
using Parley.Data.Migrations;

namespace Parley.Tests.Data;

public abstract partial class DataStoreTests
{
    private sealed record Preferences(string Theme, IReadOnlyList<string> Pinned);

    private async Task<IUserSettingsStore> UserSettingsAsync()
    {
        await Migrator(Database, new UserSettingsMigrations()).MigrateAsync(Ct).WithTimeout();
        return new SqlUserSettingsStore(Database, Time);
    }

    [Fact]
    public async Task A_user_setting_is_stored_as_json_replaced_and_deleted()
    {
        var settings = await UserSettingsAsync();
        var owner = await UserAsync();
        Assert.Null(await settings.GetAsync<Preferences>(owner.Id, "prefs", Ct).WithTimeout());

        await settings.SetAsync(owner.Id, "prefs", new Preferences("dark", ["a"]), Ct).WithTimeout();
        await settings.SetAsync(owner.Id, "prefs", new Preferences("light", ["a", "b"]), Ct).WithTimeout();

        var stored = await settings.GetAsync<Preferences>(owner.Id, "prefs", Ct).WithTimeout();
        Assert.Equal("light", stored!.Theme);
        Assert.Equal(["a", "b"], stored.Pinned);
        Assert.True(await settings.DeleteAsync(owner.Id, "prefs", Ct).WithTimeout());
        Assert.False(await settings.DeleteAsync(owner.Id, "prefs", Ct).WithTimeout());
        Assert.Null(await settings.GetAsync<Preferences>(owner.Id, "prefs", Ct).WithTimeout());
    }

    [Fact]
    public async Task A_user_setting_is_visible_to_its_user_only()
    {
        var settings = await UserSettingsAsync();
        var owner = await UserAsync();
        var other = await UserAsync();

        await settings.SetAsync(owner.Id, "model", "gpt-4o", Ct).WithTimeout();

        Assert.Equal("gpt-4o", await settings.GetAsync<string>(owner.Id, "model", Ct).WithTimeout());
        Assert.Null(await settings.GetAsync<string>(other.Id, "model", Ct).WithTimeout());
        Assert.False(await settings.DeleteAsync(other.Id, "model", Ct).WithTimeout());
    }
}
