using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat;
using Parley.Files;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Api;

public sealed class ThreadApiTests
{
    private static Task<ParleyTestServer> ServerAsync() => ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage(async (m, ctx) =>
    {
        var reply = await ctx.SendMessageAsync("re: " + m.Content);
        await reply.AttachAsync(Element.Text("notes.txt", "attached notes"));
    })));

    /// <summary>Chats once as <paramref name="user"/> and returns the thread id and the reply's step id.</summary>
    private static async Task<(string ThreadId, string ReplyId)> ChatAsync(ParleyTestServer server, string user, string text, bool expectElement = true)
    {
        await using var hub = await server.ConnectAsync(user);
        await hub.SendAsync(new StartChat());
        var started = await hub.WaitForAsync<ChatStarted>();
        await hub.SendAsync(new SendUserMessage(Guid.NewGuid().ToString("N"), text));
        var reply = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);
        if (expectElement)
        {
            await hub.WaitForAsync<ElementEvent>();
        }
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        return (started.ThreadId, reply.Step.Id);
    }

    [Fact]
    public async Task The_history_lists_the_users_threads_newest_first_with_paging_and_search()
    {
        await using var server = await ServerAsync();
        var first = await ChatAsync(server, "alice", "about apples");
        var second = await ChatAsync(server, "alice", "about bananas");
        var third = await ChatAsync(server, "alice", "about cherries");
        await ChatAsync(server, "bob", "bob's own apples");
        using var alice = await ApiClient.CreateAsync(server, "alice");

        var page1 = await alice.Http.GetFromJsonAsync<ThreadPageDto>("api/threads?limit=2", TestContext.Current.CancellationToken);
        var page2 = await alice.Http.GetFromJsonAsync<ThreadPageDto>($"api/threads?limit=2&cursor={page1!.NextCursor}", TestContext.Current.CancellationToken);
        var search = await alice.Http.GetFromJsonAsync<ThreadPageDto>("api/threads?search=APPLE", TestContext.Current.CancellationToken);

        Assert.Equal([third.ThreadId, second.ThreadId], page1.Items.Select(t => t.Id));
        Assert.Equal([first.ThreadId], page2!.Items.Select(t => t.Id));
        Assert.Null(page2.NextCursor);
        Assert.Equal([first.ThreadId], search!.Items.Select(t => t.Id));
        Assert.Equal("about apples", page2.Items[0].Name);
    }

    [Fact]
    public async Task A_malformed_cursor_is_a_problem_details_400()
    {
        await using var server = await ServerAsync();
        using var alice = await ApiClient.CreateAsync(server, "alice");

        using var response = await alice.Http.GetAsync("api/threads?cursor=%%%not-a-cursor", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_thread_comes_with_its_steps_and_elements_and_its_element_downloads()
    {
        await using var server = await ServerAsync();
        var (threadId, replyId) = await ChatAsync(server, "alice", "hello");
        using var alice = await ApiClient.CreateAsync(server, "alice");

        using var response = await alice.Http.GetAsync($"api/threads/{threadId}", TestContext.Current.CancellationToken);
        var detail = await response.Content.ReadFromJsonAsync<ThreadDetailDto>(TestContext.Current.CancellationToken);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(["hello", "re: hello"], detail!.Steps.Select(s => s.Output));
        var element = Assert.Single(detail.Elements);
        Assert.Equal(replyId, element.StepId);
        using var download = await alice.Http.GetAsync(element.Url!.TrimStart('/'), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attached notes", await download.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Renaming_and_deleting_work_and_deleting_removes_the_stored_bytes()
    {
        await using var server = await ServerAsync();
        var (threadId, _) = await ChatAsync(server, "alice", "hello");
        using var alice = await ApiClient.CreateAsync(server, "alice");
        var detail = await alice.Http.GetFromJsonAsync<ThreadDetailDto>($"api/threads/{threadId}", TestContext.Current.CancellationToken);
        var elementUrl = detail!.Elements.Single().Url!.TrimStart('/');

        using var rename = await alice.Http.PatchAsJsonAsync($"api/threads/{threadId}", new { name = "  Renamed\nthread " }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        Assert.Equal("Renamed thread", (await rename.Content.ReadFromJsonAsync<ThreadDto>(TestContext.Current.CancellationToken))!.Name);

        var filesBefore = Directory.GetFiles(Path.Combine(server.DataDirectory, "files"), "*", SearchOption.AllDirectories).Length;
        using var delete = await alice.Http.DeleteAsync($"api/threads/{threadId}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var filesAfter = Directory.GetFiles(Path.Combine(server.DataDirectory, "files"), "*", SearchOption.AllDirectories).Length;

        Assert.Equal(filesBefore - 1, filesAfter);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.Http.GetAsync($"api/threads/{threadId}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.Http.GetAsync(elementUrl, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Feedback_is_upserted_once_per_step_and_shows_on_the_thread()
    {
        await using var server = await ServerAsync();
        var (threadId, replyId) = await ChatAsync(server, "alice", "hello");
        using var alice = await ApiClient.CreateAsync(server, "alice");

        using var up = await alice.Http.PutAsJsonAsync($"api/steps/{replyId}/feedback", new { value = 1 }, TestContext.Current.CancellationToken);
        using var down = await alice.Http.PutAsJsonAsync($"api/steps/{replyId}/feedback", new { value = -1, comment = "wrong" }, TestContext.Current.CancellationToken);
        using var invalid = await alice.Http.PutAsJsonAsync($"api/steps/{replyId}/feedback", new { value = 5 }, TestContext.Current.CancellationToken);
        var detail = await alice.Http.GetFromJsonAsync<ThreadDetailDto>($"api/threads/{threadId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal((await up.Content.ReadFromJsonAsync<FeedbackDto>(TestContext.Current.CancellationToken))!.Id, (await down.Content.ReadFromJsonAsync<FeedbackDto>(TestContext.Current.CancellationToken))!.Id);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var feedback = detail!.Steps.Single(s => s.Id == replyId).Feedback;
        Assert.Equal(-1, feedback!.Value);
        Assert.Equal("wrong", feedback.Comment);

        using var remove = await alice.Http.DeleteAsync($"api/steps/{replyId}/feedback", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
    }

    [Fact]
    public async Task Every_route_answers_404_for_another_users_thread_step_and_element_and_changes_nothing()
    {
        await using var server = await ServerAsync();
        var (threadId, replyId) = await ChatAsync(server, "alice", "private");
        using var alice = await ApiClient.CreateAsync(server, "alice");
        var detail = await alice.Http.GetFromJsonAsync<ThreadDetailDto>($"api/threads/{threadId}", TestContext.Current.CancellationToken);
        var elementUrl = detail!.Elements.Single().Url!.TrimStart('/');
        using var mallory = await ApiClient.CreateAsync(server, "mallory");

        var attempts = new Func<Task<HttpResponseMessage>>[]
        {
            () => mallory.Http.GetAsync($"api/threads/{threadId}"),
            () => mallory.Http.PatchAsJsonAsync($"api/threads/{threadId}", new { name = "pwned" }),
            () => mallory.Http.DeleteAsync($"api/threads/{threadId}"),
            () => mallory.Http.PutAsJsonAsync($"api/steps/{replyId}/feedback", new { value = -1 }),
            () => mallory.Http.DeleteAsync($"api/steps/{replyId}/feedback"),
            () => mallory.Http.GetAsync(elementUrl),
        };
        foreach (var attempt in attempts)
        {
            using var response = await attempt();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var list = await mallory.Http.GetFromJsonAsync<ThreadPageDto>("api/threads", TestContext.Current.CancellationToken);
        Assert.Empty(list!.Items);

        var after = await alice.Http.GetFromJsonAsync<ThreadDetailDto>($"api/threads/{threadId}", TestContext.Current.CancellationToken);
        Assert.Equal("private", after!.Thread.Name);
        Assert.Null(after.Steps.Single(s => s.Id == replyId).Feedback);
    }

    [Fact]
    public async Task A_thread_of_one_app_is_not_found_through_another_app()
    {
        await using var server = await ParleyTestServer.StartAsync(app =>
        {
            app.MapParley("/", chat => chat.OnMessage((m, ctx) => ctx.SendMessageAsync("main")));
            app.MapParley("/other", chat => chat.OnMessage((m, ctx) => ctx.SendMessageAsync("other")));
        });
        var (threadId, _) = await ChatAsync(server, "alice", "in main", expectElement: false);
        using var viaOther = await ApiClient.CreateAsync(server, "alice", "/other");

        using var response = await viaOther.Http.GetAsync($"api/threads/{threadId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task State_changes_without_the_antiforgery_token_are_refused()
    {
        await using var server = await ServerAsync();
        var (threadId, replyId) = await ChatAsync(server, "alice", "hello");
        using var noToken = await ApiClient.CreateAsync(server, "alice", antiforgery: false);

        using var rename = await noToken.Http.PatchAsJsonAsync($"api/threads/{threadId}", new { name = "csrf" }, TestContext.Current.CancellationToken);
        using var delete = await noToken.Http.DeleteAsync($"api/threads/{threadId}", TestContext.Current.CancellationToken);
        using var feedback = await noToken.Http.PutAsJsonAsync($"api/steps/{replyId}/feedback", new { value = 1 }, TestContext.Current.CancellationToken);
        using var upload = await noToken.Http.PostAsync("api/files", new MultipartFormDataContent { { new ByteArrayContent("hi"u8.ToArray()), "files", "a.txt" } }, TestContext.Current.CancellationToken);

        Assert.All([rename, delete, feedback, upload], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        using var alice = await ApiClient.CreateAsync(server, "alice");
        Assert.Equal("hello", (await alice.Http.GetFromJsonAsync<ThreadDetailDto>($"api/threads/{threadId}", TestContext.Current.CancellationToken))!.Thread.Name);
    }

    [Fact]
    public async Task Without_sign_in_every_api_route_answers_401()
    {
        await using var server = await ServerAsync();
        using var anonymous = await ApiClient.CreateAsync(server, null, antiforgery: false);

        using var list = await anonymous.Http.GetAsync("api/threads", TestContext.Current.CancellationToken);
        using var element = await anonymous.Http.GetAsync("api/elements/abc", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, element.StatusCode);
    }
}
