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

    private sealed record Counter(int Count, IReadOnlyList<string> Writers);

    [Fact]
    public async Task Concurrent_updates_of_one_setting_all_count()
    {
        var settings = await UserSettingsAsync();
        var owner = await UserAsync();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => settings.UpdateAsync<Counter>(
            owner.Id, "counter", current => new Counter((current?.Count ?? 0) + 1, [.. current?.Writers ?? [], "w" + i]), Ct)))).WithTimeout();

        var stored = await settings.GetAsync<Counter>(owner.Id, "counter", Ct).WithTimeout();
        Assert.Equal(20, stored!.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => "w" + i).Order(), stored.Writers.Order());
    }

    [Fact]
    public async Task An_update_that_returns_null_changes_nothing()
    {
        var settings = await UserSettingsAsync();
        var owner = await UserAsync();
        Assert.Null(await settings.UpdateAsync<Counter>(owner.Id, "counter", _ => null, Ct).WithTimeout());
        Assert.Null(await settings.GetAsync<Counter>(owner.Id, "counter", Ct).WithTimeout());

        await settings.SetAsync(owner.Id, "counter", new Counter(1, ["a"]), Ct).WithTimeout();
        var kept = await settings.UpdateAsync<Counter>(owner.Id, "counter", _ => null, Ct).WithTimeout();

        Assert.Equal(1, kept!.Count);
        Assert.Equal(1, (await settings.GetAsync<Counter>(owner.Id, "counter", Ct).WithTimeout())!.Count);
    }
}
