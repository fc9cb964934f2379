using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Data;
using Parley.Files;
using Parley.Protocol;
using Parley.Runtime;

namespace Parley.Api;

/// <summary>History: list, read, rename and delete the signed-in user's threads in this app.</summary>
internal static class ThreadEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/threads", ListAsync);
        api.MapGet("/threads/{threadId}", GetAsync);
        api.MapPatch("/threads/{threadId}", RenameAsync);
        api.MapDelete("/threads/{threadId}", DeleteAsync);
    }

    private static async Task<Results<Ok<ThreadPageDto>, ProblemHttpResult>> ListAsync(
        HttpContext context, IThreadStore threads, string? search, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var user = (await context.ParleyUserAsync())!;
        if (search is { Length: > 200 })
        {
            return ParleyHttp.BadRequest("search is limited to 200 characters.");
        }
        try
        {
            var page = await threads.ListAsync(user.Id, new ThreadQuery(context.App().Key, string.IsNullOrWhiteSpace(search) ? null : search.Trim(), cursor, limit ?? 20), cancellationToken);
            return TypedResults.Ok(new ThreadPageDto([.. page.Items.Select(ElementMapping.ToDto)], page.NextCursor));
        }
        catch (ArgumentException ex)
        {
            return ParleyHttp.BadRequest(ex.Message);
        }
    }

    private static async Task<Results<Ok<ThreadDetailDto>, ProblemHttpResult>> GetAsync(
        HttpContext context, string threadId, IThreadStore threads, IStepStore steps, IElementStore elements, IFeedbackStore feedback, CancellationToken cancellationToken)
    {
        var user = (await context.ParleyUserAsync())!;
        var thread = await threads.GetAsync(threadId, user.Id, cancellationToken);
        if (thread is null || thread.App != context.App().Key)
        {
            return ParleyHttp.NotFound("thread");
        }
        var stepRows = await steps.ListByThreadAsync(thread.Id, cancellationToken);
        var elementRows = await elements.ListByThreadAsync(thread.Id, cancellationToken);
        var mine = (await feedback.ListByThreadAsync(thread.Id, cancellationToken))
            .Where(f => f.UserId == user.Id)
            .ToDictionary(f => f.StepId, ElementMapping.ToDto);
        var links = ElementLinks.For(context.AppUrlBase(), context.User, user, context.RequestServices);
        return TypedResults.Ok(new ThreadDetailDto(
            ElementMapping.ToDto(thread),
            [.. stepRows.Select(s => StepState.FromRecord(s, mine.GetValueOrDefault(s.Id)).ToDto())],
            [.. elementRows.Select(e => ElementMapping.ToDto(e, links))]));
    }

    internal sealed record RenameRequest(string? Name);

    private static async Task<Results<Ok<ThreadDto>, ProblemHttpResult>> RenameAsync(
        HttpContext context, string threadId, RenameRequest body, IThreadStore threads, CancellationToken cancellationToken)
    {
        var user = (await context.ParleyUserAsync())!;
        var name = body?.Name is { } raw ? ThreadNames.Clean(raw) : "";
        if (name.Length is 0 or > 200)
        {
            return ParleyHttp.BadRequest("A thread name needs 1 to 200 visible characters.");
        }
        var thread = await threads.GetAsync(threadId, user.Id, cancellationToken);
        if (thread is null || thread.App != context.App().Key || !await threads.RenameAsync(threadId, user.Id, name, cancellationToken))
        {
            return ParleyHttp.NotFound("thread");
        }
        return TypedResults.Ok(ElementMapping.ToDto(thread with { Name = name }));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        HttpContext context, string threadId, IThreadStore threads, IFileStore files, ChatSessionRegistry sessions, CancellationToken cancellationToken)
    {
        var user = (await context.ParleyUserAsync())!;
        var thread = await threads.GetAsync(threadId, user.Id, cancellationToken);
        if (thread is null || thread.App != context.App().Key)
        {
            return ParleyHttp.NotFound("thread");
        }
        await sessions.EndThreadSessionsAsync(thread.Id, "thread_deleted");
        var keys = await threads.DeleteAsync(thread.Id, user.Id, cancellationToken);
        if (keys is null)
        {
            return ParleyHttp.NotFound("thread");
        }
        foreach (var key in keys)
        {
            await files.DeleteAsync(key, CancellationToken.None);
        }
        return TypedResults.NoContent();
    }
}
