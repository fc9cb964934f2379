using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Llm;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Llm;

public sealed class DemoChatClientTests
{
    private static async Task<List<ChatResponseUpdate>> StreamAsync(IChatClient client, params ChatMessage[] messages)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        List<ChatResponseUpdate> updates = [];
        await foreach (var update in client.GetStreamingResponseAsync(messages, cancellationToken: timeout.Token))
        {
            updates.Add(update);
        }
        return updates;
    }

    [Fact]
    public async Task The_demo_streams_the_same_reply_word_by_word_for_the_same_conversation()
    {
        using var client = new DemoChatClient(tokenDelay: TimeSpan.Zero);
        ChatMessage[] conversation = [new(ChatRole.User, "Hello there"), new(ChatRole.Assistant, "Hi!"), new(ChatRole.User, "What can you do?")];

        var first = await StreamAsync(client, conversation);
        var second = await StreamAsync(client, conversation);

        var text = string.Concat(first.Select(u => u.Text));
        Assert.Equal(text, string.Concat(second.Select(u => u.Text)));
        Assert.Equal(DemoChatClient.Reply(conversation), text);
        Assert.True(first.Count(u => u.Text.Length > 0) > 10);
        Assert.Equal(
            DemoChatClient.Notice + "\n\n**You said:** \"What can you do?\"\n\nThat is 4 words and 16 characters. It reads like a question; a real model would answer it here. You have sent 2 messages in this chat so far.",
            text);
        var usage = Assert.Single(first.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal(first.Count(u => u.Text.Length > 0), usage.OutputTokenCount);
    }

    [Fact]
    public async Task The_demo_stops_when_cancelled()
    {
        using var client = new DemoChatClient(tokenDelay: TimeSpan.FromMilliseconds(50));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync([new(ChatRole.User, "a long story please")], cancellationToken: cts.Token))
            {
                if (++seen == 2)
                {
                    await cts.CancelAsync();
                }
            }
        }).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(2, seen);
    }

    [Fact]
    public void The_demo_says_it_is_the_demo()
    {
        using var client = new DemoChatClient();

        Assert.True(client.IsDemo());
        Assert.Equal(DemoChatClient.ModelId, ((IChatClient)client).GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    [Fact]
    public async Task An_app_without_a_configured_model_answers_with_the_demo_through_parley()
    {
        var configuration = new ConfigurationBuilder().Build();
        await using var server = await ParleyTestServer.StartAsync(
            app => app.MapParley("/", chat => chat.OnMessage((m, ctx, ct) => ctx.StreamChatResponseAsync(ctx.Services.GetRequiredService<IChatClient>(), cancellationToken: ct))),
            services: services => services.AddParleyChatClient(configuration));
        Assert.True(server.Services.GetRequiredService<IChatClient>().IsDemo());
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());

        await hub.SendAsync(new SendUserMessage("c1", "Is anyone there?"));

        var reply = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage && !e.Step.Streaming);
        Assert.StartsWith(DemoChatClient.Notice + "\n\n**You said:** \"Is anyone there?\"", reply.Step.Output);
        Assert.NotEmpty(hub.Seen.OfType<TokenEvent>());
    }
}
