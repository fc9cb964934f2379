using System.Text.Json;
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

        group.MapPut("/{name}", async (string name, HttpContext http, AssistantStore store, IConfiguration configuration, CancellationToken ct) =>
        {
            var user = await http.GetParleyUserAsync();
            if (await ReadBodyAsync(http.Request, ct) is not { } body)
            {
                return BadRequest("Send a JSON object: { \"instructions\": \"…\", \"model\": \"…\" or null }.");
            }
            var assistant = new AssistantDefinition(name, body.Instructions ?? "", string.IsNullOrWhiteSpace(body.Model) ? null : body.Model);
            if ((AssistantStore.Validate(assistant) ?? AssistantModels.Problem(configuration, assistant.Model)) is { } problem)
            {
                return BadRequest(problem);
            }
            return await store.SaveAsync(user!.Id, assistant, ct)
                ? Results.Ok(assistant)
                : BadRequest($"At most {AssistantStore.MaxAssistants} assistants.");
        });

        group.MapDelete("/{name}", async (string name, HttpContext http, AssistantStore store, CancellationToken ct) =>
        {
            var user = await http.GetParleyUserAsync();
            return await store.DeleteAsync(user!.Id, name, ct)
                ? Results.NoContent()
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The assistant was not found.");
        });
    }

    /// <summary>
    /// The body, or null when it is missing or not a JSON object. Read here rather than bound as
    /// a parameter: a failed binding answers a bare 400, before Parley's antiforgery check runs,
    /// that says nothing of what was wrong.
    /// </summary>
    private static async Task<AssistantBody?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return null;
        }
        try
        {
            return await request.ReadFromJsonAsync<AssistantBody>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    /// <summary>The editable fields of an assistant; the name is in the URL.</summary>
    internal sealed record AssistantBody(string? Instructions, string? Model);
}
