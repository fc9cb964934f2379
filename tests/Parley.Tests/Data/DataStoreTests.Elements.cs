using Parley.Data;

namespace Parley.Tests.Data;

public abstract partial class DataStoreTests
{
    [Fact]
    public async Task An_element_is_visible_to_its_owner_only()
    {
        var owner = await UserAsync();
        var other = await UserAsync();
        var thread = await ThreadAsync(owner);
        var element = new ElementRecord
        {
            Id = NewId(),
            UserId = owner.Id,
            ThreadId = thread.Id,
            StepId = "step-1",
            Type = "custom",
            Name = "Chart",
            Display = "side",
            Props = """{"kind":"bar"}""",
            CreatedAt = T0,
        };
        await Elements.CreateAsync(element, Ct).WithTimeout();

        Assert.Equal(element, await Elements.GetForUserAsync(element.Id, owner.Id, Ct).WithTimeout());
        Assert.Null(await Elements.GetForUserAsync(element.Id, other.Id, Ct).WithTimeout());
        Assert.Equal([element], await Elements.ListByThreadAsync(thread.Id, Ct).WithTimeout());
    }

    [Fact]
    public async Task Attaching_uploads_takes_only_the_users_own_unattached_uploads_in_the_order_asked()
    {
        var owner = await UserAsync();
        var other = await UserAsync();
        var thread = await ThreadAsync(owner);
        var first = await ElementAsync(owner);
        var second = await ElementAsync(owner);
        var foreign = await ElementAsync(other);
        var alreadyAttached = await ElementAsync(owner, await ThreadAsync(owner));

        var attached = await Elements.AttachUploadsAsync(
            [second.Id, first.Id, foreign.Id, alreadyAttached.Id, "missing", second.Id], owner.Id, thread.Id, "step-1", Ct).WithTimeout();

        Assert.Equal(
            [second with { ThreadId = thread.Id, StepId = "step-1" }, first with { ThreadId = thread.Id, StepId = "step-1" }],
            attached);
        Assert.Equal(foreign, await Elements.GetForUserAsync(foreign.Id, other.Id, Ct).WithTimeout());
        Assert.Equal(alreadyAttached, await Elements.GetForUserAsync(alreadyAttached.Id, owner.Id, Ct).WithTimeout());
        Assert.Empty(await Elements.AttachUploadsAsync([], owner.Id, thread.Id, null, Ct).WithTimeout());
    }

    [Fact]
    public async Task Uploads_cannot_be_attached_to_a_thread_of_another_user()
    {
        var owner = await UserAsync();
        var other = await UserAsync();
        var foreignThread = await ThreadAsync(other);
        var upload = await ElementAsync(owner);

        Assert.Empty(await Elements.AttachUploadsAsync([upload.Id], owner.Id, foreignThread.Id, null, Ct).WithTimeout());
        Assert.Equal(upload, await Elements.GetForUserAsync(upload.Id, owner.Id, Ct).WithTimeout());
    }

    [Fact]
    public async Task Deleting_an_element_returns_its_storage_key()
    {
        var owner = await UserAsync();
        var stored = await ElementAsync(owner);
        var linked = await ElementAsync(owner, storageKey: null);

        Assert.Equal(stored.StorageKey, await Elements.DeleteAsync(stored.Id, Ct).WithTimeout());
        Assert.Null(await Elements.DeleteAsync(linked.Id, Ct).WithTimeout());
        Assert.Null(await Elements.DeleteAsync(stored.Id, Ct).WithTimeout());
        Assert.Equal(0, await CountAsync(Database, "SELECT COUNT(*) FROM elements"));
    }

    [Fact]
    public async Task Deleting_stale_uploads_removes_only_old_unattached_ones_and_returns_their_keys()
    {
        var owner = await UserAsync();
        var thread = await ThreadAsync(owner);
        var old = await ElementAsync(owner, createdAt: T0.AddDays(-2));
        var oldLink = await ElementAsync(owner, storageKey: null, createdAt: T0.AddDays(-2));
        var fresh = await ElementAsync(owner, createdAt: T0);
        var oldAttached = await ElementAsync(owner, thread, createdAt: T0.AddDays(-2));

        var keys = await Elements.DeleteStaleUploadsAsync(T0.AddDays(-1), Ct).WithTimeout();

        Assert.Equal([old.StorageKey!], keys);
        Assert.Null(await Elements.GetForUserAsync(oldLink.Id, owner.Id, Ct).WithTimeout());
        Assert.Equal(fresh, await Elements.GetForUserAsync(fresh.Id, owner.Id, Ct).WithTimeout());
        Assert.Equal(oldAttached, await Elements.GetForUserAsync(oldAttached.Id, owner.Id, Ct).WithTimeout());
    }

    [Fact]
    public async Task Feedback_upsert_keeps_one_row_per_step_and_user_with_its_first_id_and_creation_time()
    {
        var owner = await UserAsync();
        var reviewer = await UserAsync();
        var thread = await ThreadAsync(owner);
        var answer = await StepAsync(thread);
        var first = await FeedbackAsync(answer, owner, 1, "good");

        var replaced = await Feedback.UpsertAsync(new FeedbackRecord
        {
            Id = NewId(),
            StepId = answer.Id,
            ThreadId = thread.Id,
            UserId = owner.Id,
            Value = -1,
            Comment = "wrong after all",
            CreatedAt = T0.AddMinutes(1),
            UpdatedAt = T0.AddMinutes(1),
        }, Ct).WithTimeout();
        var second = await FeedbackAsync(answer, reviewer, -1);

        Assert.Equal(first with { Value = -1, Comment = "wrong after all", UpdatedAt = T0.AddMinutes(1) }, replaced);
        Assert.Equal(
            new[] { replaced, second }.OrderBy(feedback => feedback.Id, StringComparer.Ordinal),
            await Feedback.ListByThreadAsync(thread.Id, Ct).WithTimeout());
    }

    [Fact]
    public async Task Deleting_feedback_removes_only_that_users_feedback_on_that_step()
    {
        var owner = await UserAsync();
        var reviewer = await UserAsync();
        var answer = await StepAsync(await ThreadAsync(owner));
        await FeedbackAsync(answer, owner);
        var kept = await FeedbackAsync(answer, reviewer);

        Assert.True(await Feedback.DeleteAsync(answer.Id, owner.Id, Ct).WithTimeout());
        Assert.False(await Feedback.DeleteAsync(answer.Id, owner.Id, Ct).WithTimeout());
        Assert.Equal([kept], await Feedback.ListByThreadAsync(answer.ThreadId, Ct).WithTimeout());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Feedback_other_than_plus_or_minus_one_is_rejected(int value)
    {
        var owner = await UserAsync();
        var answer = await StepAsync(await ThreadAsync(owner));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => FeedbackAsync(answer, owner, value));
    }
}
