using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Parley.Hosting;
using Parley.Protocol;
using Parley.Tests.Fixtures;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Runtime;

/// <summary>The whole runtime on PostgreSQL, as operators run it when they grow past SQLite.</summary>
public sealed class PostgresRuntimeTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_streamed_chat_is_stored_in_postgres_and_resumed_from_history_by_a_second_instance()
    {
        var connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        void UsePostgres(ParleyOptions o)
        {
            o.Database.Provider = DatabaseProvider.Postgres;
            o.Database.ConnectionString = connectionString;
        }
        static void Map(WebApplication app) => app.MapParley("/", chat => chat.OnMessage(async (m, ctx, ct) =>
        {
            var reply = await ctx.StartMessageAsync(cancellationToken: ct);
            foreach (var word in m.Content.Split(' '))
            {
                await reply.StreamTokenAsync(word.ToUpperInvariant() + " ", ct);
            }
            await reply.FinishAsync(cancellationToken: ct);
        }));

        // Two instances start at once on one database: migrations run once, both serve.
        var starting = new[] { ParleyTestServer.StartAsync(Map, UsePostgres), ParleyTestServer.StartAsync(Map, UsePostgres) };
        await using var first = await starting[0];
        await using var second = await starting[1];

        await using var hub = await first.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        var threadId = (await hub.WaitForAsync<ChatStarted>()).ThreadId;
        await hub.SendAsync(new SendUserMessage("c1", "hello from postgres"));
        await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage && !e.Step.Streaming);

        using var viaSecond = await ApiClient.CreateAsync(second, "alice");
        var history = await viaSecond.Http.GetFromJsonAsync<ThreadPageDto>("api/threads?search=postgres", TestContext.Current.CancellationToken);
        Assert.Equal(threadId, Assert.Single(history!.Items).Id);

        await using var resumed = await second.ConnectAsync("alice");
        await resumed.SendAsync(new StartChat(ThreadId: threadId));
        var started = await resumed.WaitForAsync<ChatStarted>();
        Assert.Equal(["hello from postgres", "HELLO FROM POSTGRES "], started.Steps.Select(s => s.Output));
    }
}
