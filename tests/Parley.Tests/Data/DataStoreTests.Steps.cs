using Parley.Data;

namespace Parley.Tests.Data;

public abstract partial class DataStoreTests
{
    [Fact]
    public async Task Upserting_a_step_creates_it_then_replaces_every_field()
    {
        var owner = await UserAsync();
        var thread = await ThreadAsync(owner);
        var step = new StepRecord
        {
            Id = NewId(),
            ThreadId = thread.Id,
            Type = "tool",
            Name = "search",
            Input = """{"q":"weather"}""",
            Streaming = true,
            CreatedAt = T0,
            Sequence = 4,
        };
        await Steps.UpsertAsync(step, Ct).WithTimeout();
        Assert.Equal(step, await Steps.GetAsync(step.Id, Ct).WithTimeout());

        var finished = step with
        {
            ParentId = "run-1",
            Name = "web_search",
            Input = null,
            Output = "Sunny",
            Streaming = false,
            IsError = true,
            Language = "json",
            Metadata = """{"ms":12}""",
            CreatedAt = T0.AddSeconds(1),
            EndedAt = T0.AddSeconds(2),
            Sequence = 5,
        };
        await Steps.UpsertAsync(finished, Ct).WithTimeout();

        Assert.Equal(finished, await Steps.GetAsync(step.Id, Ct).WithTimeout());
        Assert.Null(await Steps.GetAsync("missing", Ct).WithTimeout());
    }

    [Fact]
    public async Task A_step_is_visible_to_the_owner_of_its_thread_only()
    {
        var owner = await UserAsync();
        var other = await UserAsync();
        var step = await StepAsync(await ThreadAsync(owner), output: "secret");

        Assert.Equal(step, await Steps.GetForUserAsync(step.Id, owner.Id, Ct).WithTimeout());
        Assert.Null(await Steps.GetForUserAsync(step.Id, other.Id, Ct).WithTimeout());
    }

    [Fact]
    public async Task Steps_are_listed_by_creation_time_then_sequence()
    {
        var owner = await UserAsync();
        var thread = await ThreadAsync(owner);
        var third = await StepAsync(thread, createdAt: T0.AddMilliseconds(1), sequence: 0);
        var second = await StepAsync(thread, createdAt: T0, sequence: 2);
        var first = await StepAsync(thread, createdAt: T0, sequence: 1);
        await StepAsync(await ThreadAsync(owner));

        Assert.Equal([first, second, third], await Steps.ListByThreadAsync(thread.Id, Ct).WithTimeout());
    }

    [Fact]
    public async Task Appending_output_applies_a_batch_across_several_steps_in_order_and_ignores_unknown_steps()
    {
        var owner = await UserAsync();
        var thread = await ThreadAsync(owner);
        var first = await StepAsync(thread);
        var second = await StepAsync(thread, output: "Hi");

        await Steps.AppendOutputAsync(
            [new(first.Id, "Hel"), new(second.Id, " there"), new("missing", "lost"), new(first.Id, "lo"), new(first.Id, ""), new(first.Id, ", 世界")],
            Ct).WithTimeout();
        await Steps.AppendOutputAsync([new(second.Id, "!")], Ct).WithTimeout();
        await Steps.AppendOutputAsync([], Ct).WithTimeout();

        Assert.Equal("Hello, 世界", (await Steps.GetAsync(first.Id, Ct).WithTimeout())!.Output);
        Assert.Equal("Hi there!", (await Steps.GetAsync(second.Id, Ct).WithTimeout())!.Output);
        Assert.Null(await Steps.GetAsync("missing", Ct).WithTimeout());
    }

    [Fact]
    public async Task Many_concurrent_writers_all_succeed()
    {
        var owner = await UserAsync();
        var thread = await ThreadAsync(owner);
        var steps = new List<StepRecord>();
        for (var i = 0; i < 8; i++)
        {
            steps.Add(await StepAsync(thread, sequence: i));
        }

        // Like the runtime's flushes and the REST API's writes arriving at once: on SQLite
        // they must queue, not fail with "database is locked".
        var writers = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var step = steps[i % steps.Count];
            await Steps.AppendOutputAsync([new(step.Id, "x")], Ct);
            await Threads.TouchAsync(thread.Id, T0.AddSeconds(i), Ct);
        }, Ct));
        await Task.WhenAll(writers).WithTimeout();

        foreach (var step in steps)
        {
            Assert.Equal("xxxxx", (await Steps.GetAsync(step.Id, Ct).WithTimeout())!.Output);
        }
    }

    [Fact]
    public async Task Appended_output_survives_reopening_the_database()
    {
        var owner = await UserAsync();
        var step = await StepAsync(await ThreadAsync(owner), output: "Once");

        await Steps.AppendOutputAsync([new(step.Id, " upon")], Ct).WithTimeout();
        await Steps.AppendOutputAsync([new(step.Id, " a time")], Ct).WithTimeout();

        // A second, independent connection pool, as a restarted process would have.
        var reopened = new SqlStepStore(Open(ConnectionString));
        Assert.Equal("Once upon a time", (await reopened.GetAsync(step.Id, Ct).WithTimeout())!.Output);
    }

    [Fact]
    public async Task Deleting_a_step_removes_its_nested_steps_and_their_feedback_and_detaches_their_elements()
    {
        var owner = await UserAsync();
        var thread = await ThreadAsync(owner);
        var run = await StepAsync(thread, "run");
        var tool = await StepAsync(thread, "tool", parentId: run.Id, sequence: 1);
        var llm = await StepAsync(thread, "llm", parentId: tool.Id, sequence: 2);
        var sibling = await StepAsync(thread, "assistant_message", sequence: 3);
        await FeedbackAsync(tool, owner);
        var siblingFeedback = await FeedbackAsync(sibling, owner);
        var chart = await ElementAsync(owner, thread, llm.Id);

        Assert.True(await Steps.DeleteAsync(run.Id, Ct).WithTimeout());

        Assert.Equal([sibling], await Steps.ListByThreadAsync(thread.Id, Ct).WithTimeout());
        Assert.Equal([siblingFeedback], await Feedback.ListByThreadAsync(thread.Id, Ct).WithTimeout());
        Assert.Equal([chart with { StepId = null }], await Elements.ListByThreadAsync(thread.Id, Ct).WithTimeout());
        Assert.False(await Steps.DeleteAsync(run.Id, Ct).WithTimeout());
    }

    [Fact]
    public async Task Deleting_the_steps_after_a_sequence_keeps_the_earlier_steps_and_other_threads()
    {
        var owner = await UserAsync();
        var thread = await ThreadAsync(owner);
        var other = await ThreadAsync(owner);
        var question = await StepAsync(thread, "user_message", "Hi", sequence: 1);
        var reply = await StepAsync(thread, "assistant_message", "Hello", sequence: 2);
        var tool = await StepAsync(thread, "tool", parentId: reply.Id, sequence: 3);
        var elsewhere = await StepAsync(other, "assistant_message", "Kept", sequence: 5);
        await FeedbackAsync(reply, owner);
        var chart = await ElementAsync(owner, thread, tool.Id);

        Assert.Equal(2, await Steps.DeleteAfterAsync(thread.Id, question.Sequence, Ct).WithTimeout());

        Assert.Equal([question], await Steps.ListByThreadAsync(thread.Id, Ct).WithTimeout());
        Assert.Equal([elsewhere], await Steps.ListByThreadAsync(other.Id, Ct).WithTimeout());
        Assert.Empty(await Feedback.ListByThreadAsync(thread.Id, Ct).WithTimeout());
        Assert.Equal([chart with { StepId = null }], await Elements.ListByThreadAsync(thread.Id, Ct).WithTimeout());
        Assert.Equal(0, await Steps.DeleteAfterAsync(thread.Id, question.Sequence, Ct).WithTimeout());
    }
}
