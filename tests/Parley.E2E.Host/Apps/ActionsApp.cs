using System.Text.Json;
using Parley.Chat;

namespace Parley.E2E.Host.Apps;

/// <summary>/actions: "deploy" asks with two action buttons; the handler reads the server's copy of the payload.</summary>
public static class ActionsApp
{
    public const string Path = "/actions";

    public static void Configure(ChatHandlerBuilder chat) => chat
        .OnMessage(async (message, ctx, ct) =>
            await ctx.SendMessageAsync("Deploy the new version?", new MessageOptions
            {
                Actions = [new ChatAction("deploy", "Deploy now", new { env = "prod" }), new ChatAction("cancel", "Cancel")],
            }, ct))
        .OnAction("deploy", async (action, ctx, ct) =>
        {
            ctx.RemoveAction(action.Id);
            var env = action.GetPayload<JsonElement>().GetProperty("env").GetString();
            await ctx.SendMessageAsync($"Deploying to {env}.", cancellationToken: ct);
        })
        .OnAction("cancel", async (action, ctx, ct) => await ctx.SendMessageAsync("Cancelled.", cancellationToken: ct));
}
