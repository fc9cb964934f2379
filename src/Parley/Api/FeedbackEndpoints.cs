using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Parley.Data;
using Parley.Protocol;
using Parley.Runtime;

namespace Parley.Api;

/// <summary>Thumbs up or down, with an optional comment, on a step of the user's own thread.</summary>
internal static class FeedbackEndpoints
{
    private const int MaxCommentLength = 4000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/steps/{stepId}/feedback", UpsertAsync);
        api.MapDelete("/steps/{stepId}/feedback", DeleteAsync);
    }

    internal sealed record FeedbackRequest(int Value, string? Comment);

    private static async Task<Results<Ok<FeedbackDto>, ProblemHttpResult>> UpsertAsync(
        HttpContext context, string stepId, FeedbackRequest body, IStepStore steps, IThreadStore threads, IFeedbackStore feedback, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = (await context.ParleyUserAsync())!;
        if (body is null || body.Value is not (1 or -1))
        {
            return ParleyHttp.BadRequest("value must be 1 (thumbs up) or -1 (thumbs down).");
        }
        if (body.Comment is { Length: > MaxCommentLength })
        {
            return ParleyHttp.BadRequest($"A comment is limited to {MaxCommentLength} characters.");
        }
        var step = await FindAsync(context, stepId, steps, threads, user.Id, cancellationToken);
        if (step is null)
        {
            return ParleyHttp.NotFound("step");
        }
        var now = time.GetUtcNow();
        var stored = await feedback.UpsertAsync(new FeedbackRecord
        {
            Id = Ids.New(),
            StepId = step.Id,
            ThreadId = step.ThreadId,
            UserId = user.Id,
            Value = body.Value,
            Comment = string.IsNullOrWhiteSpace(body.Comment) ? null : body.Comment.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
        }, cancellationToken);
        return TypedResults.Ok(ElementMapping.ToDto(stored));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        HttpContext context, string stepId, IStepStore steps, IThreadStore threads, IFeedbackStore feedback, CancellationToken cancellationToken)
    {
        var user = (await context.ParleyUserAsync())!;
        var step = await FindAsync(context, stepId, steps, threads, user.Id, cancellationToken);
        if (step is null || !await feedback.DeleteAsync(step.Id, user.Id, cancellationToken))
        {
            return ParleyHttp.NotFound("feedback");
        }
        return TypedResults.NoContent();
    }

    /// <summary>The step, if it is in a thread of this user in this app.</summary>
    private static async Task<StepRecord?> FindAsync(HttpContext context, string stepId, IStepStore steps, IThreadStore threads, string userId, CancellationToken cancellationToken)
    {
        var step = await steps.GetForUserAsync(stepId, userId, cancellationToken);
        if (step is null)
        {
            return null;
        }
        var thread = await threads.GetAsync(step.ThreadId, userId, cancellationToken);
        return thread is not null && thread.App == context.App().Key ? step : null;
    }
}
