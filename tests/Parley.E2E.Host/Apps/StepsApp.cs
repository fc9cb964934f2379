using Parley.Chat;
using Parley.Protocol;

namespace Parley.E2E.Host.Apps;

/// <summary>/steps: every message gets an answer with nested steps (a tool with a retrieval inside, then an LLM call).</summary>
public static class StepsApp
{
    public const string Path = "/steps";

    public static void Configure(ChatHandlerBuilder chat) => chat
        .OnMessage(async (message, ctx, ct) =>
        {
            var reply = await ctx.StartMessageAsync(cancellationToken: ct);
            await using (var search = await reply.StartStepAsync("Search the web", StepTypes.Tool, input: message.Content, cancellationToken: ct))
            {
                await using (var fetch = await search.StartStepAsync("Fetch pages", StepTypes.Retrieval, input: "https://example.com/lisbon", cancellationToken: ct))
                {
                    await fetch.StreamTokenAsync("3 documents", ct);
                }
                await search.FinishAsync("Found 3 results about Lisbon", cancellationToken: ct);
            }
            await using (var llm = await reply.StartStepAsync("Summarize", StepTypes.Llm, cancellationToken: ct))
            {
                await llm.FinishAsync("Summary written", cancellationToken: ct);
            }
            await reply.StreamTokenAsync("Here is what I found about ", ct);
            await reply.StreamTokenAsync(message.Content, ct);
            await reply.FinishAsync(cancellationToken: ct);
        });
}
