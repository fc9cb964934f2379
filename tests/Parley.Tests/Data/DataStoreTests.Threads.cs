using Parley.Data;

namespace Parley.Tests.Data;

public abstract partial class DataStoreTests
{
    [Fact]
    public async Task A_thread_is_visible_to_its_owner_and_to_no_one_else()
    {
        var owner = await UserAsync();
        var other = await UserAsync();
        var thread = new ThreadRecord
        {
            Id = NewId(),
            UserId = owner.Id,
            App = "/support",
            Name = "Printer on fire",
            ChatProfile = "gpt",
            Metadata = """{"tags":["urgent"]}""",
            CreatedAt = T0,
            UpdatedAt = T0.AddSeconds(3),
        };
        await Threads.CreateAsync(thread, Ct).WithTimeout();

        Assert.Equal(thread, await Threads.GetAsync(thread.Id, owner.Id, Ct).WithTimeout());
        Assert.Null(await Threads.GetAsync(thread.Id, other.Id, Ct).WithTimeout());
        Assert.Null(await Threads.GetAsync("missing", owner.Id, Ct).WithTimeout());
    }

    [Fact]
    public async Task Renaming_works_for_the_owner_only()
    {
        var owner = await UserAsync();
        var other = await UserAsync();
        var thread = await ThreadAsync(owner, "Old");

        Assert.False(await Threads.RenameAsync(thread.Id, other.Id, "Hijacked", Ct).WithTimeout());
        Assert.Equal("Old", (await Threads.GetAsync(thread.Id, owner.Id, Ct).WithTimeout())!.Name);

        Assert.True(await Threads.RenameAsync(thread.Id, owner.Id, "New", Ct).WithTimeout());
        Assert.Equal("New", (await Threads.GetAsync(thread.Id, owner.Id, Ct).WithTimeout())!.Name);
        Assert.False(await Threads.RenameAsync("missing", owner.Id, "New", Ct).WithTimeout());
    }

    [Fact]
    public async Task Metadata_is_replaced_and_read_back()
    {
        var owner = await UserAsync();
        var thread = await ThreadAsync(owner, "With settings");
        var other = await ThreadAsync(owner, "Untouched");

        await Threads.SetMetadataAsync(thread.Id, """{"chatSettings":{"model":"b"}}""", Ct).WithTimeout();
        Assert.Equal("""{"chatSettings":{"model":"b"}}""", (await Threads.GetAsync(thread.Id, owner.Id, Ct).WithTimeout())!.Metadata);
        await Threads.SetMetadataAsync(thread.Id, null, Ct).WithTimeout();

        Assert.Null((await Threads.GetAsync(thread.Id, owner.Id, Ct).WithTimeout())!.Metadata);
        Assert.Equal(other.Metadata, (await Threads.GetAsync(other.Id, owner.Id, Ct).WithTimeout())!.Metadata);
    }

    [Fact]
    public async Task Touching_a_thread_moves_updated_at_and_names_it_only_if_it_has_no_name()
    {
        var owner = await UserAsync();
        var unnamed = await ThreadAsync(owner);
        var named = await ThreadAsync(owner, "Kept");

        await Threads.TouchAsync(unnamed.Id, T0.AddHours(1), "First message", Ct).WithTimeout();
        await Threads.TouchAsync(named.Id, T0.AddHours(2), "Ignored", Ct).WithTimeout();
        await Threads.TouchAsync(unnamed.Id, T0.AddHours(3), Ct).WithTimeout();

        Assert.Equal(unnamed with { Name = "First message", UpdatedAt = T0.AddHours(3) }, await Threads.GetAsync(unnamed.Id, owner.Id, Ct).WithTimeout());
        Assert.Equal(named with { UpdatedAt = T0.AddHours(2) }, await Threads.GetAsync(named.Id, owner.Id, Ct).WithTimeout());
    }

    [Fact]
    public async Task Listing_pages_through_a_users_threads_newest_first_with_ties_broken_by_id()
    {
        var owner = await UserAsync();
        var other = await UserAsync();
        // Three threads share one updated_at and two another: only the id can order them, and
        // a cursor that ignored it would skip or repeat threads at page boundaries.
        DateTimeOffset[] times = [T0.AddMinutes(5), T0.AddMinutes(5), T0.AddMinutes(5), T0.AddMinutes(9), T0.AddMinutes(1), T0.AddMinutes(1), T0];
        var mine = new List<ThreadRecord>();
        foreach (var time in times)
        {
            mine.Add(await ThreadAsync(owner, updatedAt: time));
        }
        await ThreadAsync(owner, updatedAt: T0.AddMinutes(7), app: "/other");
        await ThreadAsync(other, updatedAt: T0.AddMinutes(8));

        var seen = new List<ThreadRecord>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await Threads.ListAsync(owner.Id, new ThreadQuery("/", Cursor: cursor, Limit: 3), Ct).WithTimeout();
            seen.AddRange(page.Items);
            sizes.Add(page.Items.Count);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var expected = mine.OrderByDescending(thread => thread.UpdatedAt).ThenByDescending(thread => thread.Id, StringComparer.Ordinal);
        Assert.Equal(expected, seen);
        Assert.Equal([3, 3, 1], sizes);
    }

    [Fact]
    public async Task A_page_that_exactly_fills_the_limit_has_no_next_cursor()
    {
        var owner = await UserAsync();
        await ThreadAsync(owner);
        await ThreadAsync(owner);

        var page = await Threads.ListAsync(owner.Id, new ThreadQuery("/", Limit: 2), Ct).WithTimeout();

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("MTIzNDU")] // "12345": no separator
    [InlineData("MTIzOg")] // "123:": no id
    [InlineData("LTE6YWJj")] // "-1:abc": not a timestamp
    [InlineData("")]
    public async Task A_malformed_cursor_is_rejected_as_an_argument_error(string cursor)
    {
        var owner = await UserAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => Threads.ListAsync(owner.Id, new ThreadQuery("/", Cursor: cursor), Ct).WithTimeout());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task A_limit_outside_1_to_100_is_rejected_as_an_argument_error(int limit)
    {
        var owner = await UserAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => Threads.ListAsync(owner.Id, new ThreadQuery("/", Limit: limit), Ct).WithTimeout());
    }

    [Fact]
    public async Task Search_matches_thread_names_and_message_text_ignoring_case_but_not_other_steps()
    {
        var owner = await UserAsync();
        var other = await UserAsync();
        var byName = await ThreadAsync(owner, "Quarterly REPORT", T0.AddMinutes(1));
        var byMessage = await ThreadAsync(owner, "Untitled", T0.AddMinutes(2));
        await StepAsync(byMessage, "user_message", "Here is my Résumé");
        await StepAsync(byMessage, "assistant_message", "Your report looks fine");
        var byTool = await ThreadAsync(owner, "Tools", T0.AddMinutes(3));
        await StepAsync(byTool, "tool", "report résumé");
        await ThreadAsync(owner, "report in another app", app: "/other");
        await ThreadAsync(other, "someone else's report");

        Assert.Equal([byMessage.Id, byName.Id], await SearchAsync(owner, "rePort"));
        Assert.Equal([byMessage.Id], await SearchAsync(owner, "RÉSUMÉ"));
        Assert.Empty(await SearchAsync(owner, "nothing like this"));
        Assert.Equal(3, (await SearchAsync(owner, "   ")).Count);
    }

    [Fact]
    public async Task Search_treats_percent_underscore_and_backslash_as_literal_characters()
    {
        var owner = await UserAsync();
        var percent = await ThreadAsync(owner, "100% done");
        var underscore = await ThreadAsync(owner, "snake_case");
        var backslash = await ThreadAsync(owner, @"C:\temp");
        var plain = await ThreadAsync(owner, "100 percent snakeXcase C:temp");

        Assert.Equal([percent.Id], await SearchAsync(owner, "0%"));
        Assert.Equal([underscore.Id], await SearchAsync(owner, "e_c"));
        Assert.Equal([backslash.Id], await SearchAsync(owner, @":\t"));
        Assert.Equal([plain.Id], await SearchAsync(owner, "percent"));
    }

    [Fact]
    public async Task Deleting_a_thread_removes_its_steps_elements_and_feedback_and_returns_the_storage_keys()
    {
        var owner = await UserAsync();
        var other = await UserAsync();
        var thread = await ThreadAsync(owner);
        var question = await StepAsync(thread, "user_message", "Hi");
        var answer = await StepAsync(thread, "assistant_message", "Hello", sequence: 1);
        await FeedbackAsync(answer, owner);
        var stored = await ElementAsync(owner, thread, question.Id);
        var storedToo = await ElementAsync(owner, thread);
        await ElementAsync(owner, thread, storageKey: null);
        var keep = await ThreadAsync(owner);
        var kept = await ElementAsync(owner, keep);

        Assert.Null(await Threads.DeleteAsync(thread.Id, other.Id, Ct).WithTimeout());
        Assert.Equal(2, (await Steps.ListByThreadAsync(thread.Id, Ct).WithTimeout()).Count);
        Assert.Equal(3, (await Elements.ListByThreadAsync(thread.Id, Ct).WithTimeout()).Count);

        var keys = await Threads.DeleteAsync(thread.Id, owner.Id, Ct).WithTimeout();

        Assert.NotNull(keys);
        Assert.Equal(new[] { stored.StorageKey, storedToo.StorageKey }.Order(), keys.Order());
        Assert.Null(await Threads.GetAsync(thread.Id, owner.Id, Ct).WithTimeout());
        Assert.Empty(await Steps.ListByThreadAsync(thread.Id, Ct).WithTimeout());
        Assert.Null(await Steps.GetAsync(answer.Id, Ct).WithTimeout());
        Assert.Empty(await Elements.ListByThreadAsync(thread.Id, Ct).WithTimeout());
        Assert.Empty(await Feedback.ListByThreadAsync(thread.Id, Ct).WithTimeout());
        Assert.Equal(0, await CountAsync(Database, "SELECT COUNT(*) FROM feedback"));
        Assert.Equal([kept], await Elements.ListByThreadAsync(keep.Id, Ct).WithTimeout());
        Assert.Null(await Threads.DeleteAsync(thread.Id, owner.Id, Ct).WithTimeout());
    }

    private async Task<List<string>> SearchAsync(UserRecord user, string search)
    {
        var page = await Threads.ListAsync(user.Id, new ThreadQuery("/", search), Ct).WithTimeout();
        return page.Items.Select(thread => thread.Id).ToList();
    }
}
