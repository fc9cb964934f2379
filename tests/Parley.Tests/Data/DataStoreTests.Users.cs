namespace Parley.Tests.Data;

public abstract partial class DataStoreTests
{
    [Fact]
    public async Task Get_or_create_creates_a_user_once_and_returns_the_same_user_afterwards()
    {
        Time.Now = T0.AddMinutes(5);
        var created = await Users.GetOrCreateAsync("ada@example.com", "Ada", """{"team":"core"}""", Ct).WithTimeout();

        Assert.Equal(32, created.Id.Length);
        Assert.Equal("ada@example.com", created.Identifier);
        Assert.Equal("Ada", created.DisplayName);
        Assert.Equal("""{"team":"core"}""", created.Metadata);
        Assert.Equal(T0.AddMinutes(5), created.CreatedAt);
        Assert.False(created.Disabled);

        var again = await Users.GetOrCreateAsync("ada@example.com", "Someone else", null, Ct).WithTimeout();
        Assert.Equal(created, again);
        Assert.Equal(created, await Users.FindByIdAsync(created.Id, Ct).WithTimeout());
        Assert.Equal(created, await Users.FindByIdentifierAsync("ada@example.com", Ct).WithTimeout());
    }

    [Fact]
    public async Task Finding_an_unknown_user_returns_null()
    {
        await UserAsync("known");

        Assert.Null(await Users.FindByIdAsync("missing", Ct).WithTimeout());
        Assert.Null(await Users.FindByIdentifierAsync("KNOWN", Ct).WithTimeout());
    }

    [Fact]
    public async Task Concurrent_get_or_create_calls_for_one_identifier_return_the_same_user()
    {
        var calls = Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => Users.GetOrCreateAsync("race@example.com", $"Caller {i}", null, Ct), Ct));

        var users = await Task.WhenAll(calls).WithTimeout();

        Assert.Single(users.Select(user => user.Id).Distinct());
        Assert.Equal(1, await CountAsync(Database, "SELECT COUNT(*) FROM users WHERE identifier = 'race@example.com'"));
    }

    [Fact]
    public async Task Updating_a_user_changes_display_name_metadata_and_disabled_but_not_the_identifier()
    {
        var user = await UserAsync("grace");

        await Users.UpdateAsync(user with { Identifier = "ignored", DisplayName = "Grace", Metadata = "{}", Disabled = true }, Ct).WithTimeout();

        var stored = await Users.FindByIdAsync(user.Id, Ct).WithTimeout();
        Assert.Equal(user with { DisplayName = "Grace", Metadata = "{}", Disabled = true }, stored);
    }
}
