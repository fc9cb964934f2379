using Parley.Hosting;

namespace Parley.Assistant;

/// <summary>
/// <c>/api/assistants</c>: the signed-in user's assistants (list, create or replace by name,
/// delete). Parley's API conventions apply: sign-in, antiforgery on changes, no caching.
/// </summary>
internal static class AssistantEndpoints
{
    public static void Map(RouteGroupBuilder parley)
    {
        var group = parley.MapGroup("/api/assistants").RequireParleyUser();

        group.MapGet("/", async (HttpContext http, AssistantStore store, CancellationToken ct) =>
        {
            var user = await http.GetParleyUserAsync();
            return Results.Ok(await store.ListAsync(user!.Id, ct));
        });

        group.MapPut("/{name}", async (string name, AssistantBody body, HttpContext http, AssistantStore store, CancellationToken ct) =>
        {
            var user = await http.GetParleyUserAsync();
            var assistant = new AssistantDefinition(name, body.Instructions ?? "", string.IsNullOrWhiteSpace(body.Model) ? null : body.Model);
            if (AssistantStore.Validate(assistant) is { } problem)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: problem);
            }
            var all = (await store.ListAsync(user!.Id, ct)).ToList();
            var index = all.FindIndex(a => a.Name == name);
            if (index >= 0)
            {
                all[index] = assistant;
            }
            else if (all.Count >= AssistantStore.MaxAssistants)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: $"At most {AssistantStore.MaxAssistants} assistants.");
            }
            else
            {
                all.Add(assistant);
            }
            await store.SaveAllAsync(user.Id, all, ct);
            return Results.Ok(assistant);
        });

        group.MapDelete("/{name}", async (string name, HttpContext http, AssistantStore store, CancellationToken ct) =>
        {
            var user = await http.GetParleyUserAsync();
            var all = (await store.ListAsync(user!.Id, ct)).ToList();
            if (all.RemoveAll(a => a.Name == name) == 0)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The assistant was not found.");
            }
            await store.SaveAllAsync(user.Id, all, ct);
            return Results.NoContent();
        });
    }

    /// <summary>The editable fields of an assistant; the name is in the URL.</summary>
    internal sealed record AssistantBody(string? Instructions, string? Model);
}
