using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Parley.Chat;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Runtime;

public sealed class ChatHubTests
{
    private static Task<ParleyTestServer> EchoServerAsync() => ParleyTestServer.StartAsync(app =>
        app.MapParley("/", chat => chat.OnMessage((message, ctx) => ctx.SendMessageAsync($"Echo: {message.Content}"))));

    [Fact]
    public async Task An_echo_handler_answers_a_message_over_a_real_websocket()
    {
        await using var server = await EchoServerAsync();
        await using var hub = await server.ConnectAsync("alice");

        Assert.True((await hub.SendAsync(new StartChat())).Ok);
        var started = await hub.WaitForAsync<ChatStarted>();
        Assert.Equal(ChatStartMode.New, started.Mode);
        Assert.Equal("alice", started.User.Identifier);

        var ack = await hub.SendAsync(new SendUserMessage("c1", "hello"));
        Assert.True(ack.Ok, ack.Message);
        var user = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.UserMessage);
        Assert.Equal("hello", user.Step.Output);
        var reply = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);
        Assert.Equal("Echo: hello", reply.Step.Output);
        Assert.Equal(started.ThreadId, reply.Step.ThreadId);
    }

    [Fact]
    public async Task A_message_before_starting_a_chat_is_refused_with_a_clear_code()
    {
        await using var server = await EchoServerAsync();
        await using var hub = await server.ConnectAsync("alice");

        var ack = await hub.SendAsync(new SendUserMessage("c1", "hello"));

        Assert.False(ack.Ok);
        Assert.Equal(ErrorCodes.NoChat, ack.Code);
    }

    [Fact]
    public async Task An_unauthenticated_client_cannot_negotiate_a_connection()
    {
        await using var server = await EchoServerAsync();

        var error = await Assert.ThrowsAsync<HubConnectException>(() =>
            HubClient.ConnectAsync(new Uri(server.BaseAddress, "/hub"), new Dictionary<string, string>(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task A_message_longer_than_the_limit_is_refused_and_the_handler_never_sees_it()
    {
        var handled = 0;
        await using var server = await ParleyTestServer.StartAsync(
            app => app.MapParley("/", chat => chat.OnMessage((_, _) => { Interlocked.Increment(ref handled); return Task.CompletedTask; })),
            options => options.Limits.MaxMessageChars = 10);
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());

        var ack = await hub.SendAsync(new SendUserMessage("c1", new string('x', 11)));

        Assert.False(ack.Ok);
        Assert.Equal(ErrorCodes.TooLarge, ack.Code);
        Assert.Equal(0, handled);
    }

    [Fact]
    public async Task A_hub_frame_over_the_size_limit_closes_the_connection()
    {
        await using var server = await ParleyTestServer.StartAsync(
            app => app.MapParley("/", chat => chat.OnMessage((m, ctx) => ctx.SendMessageAsync("never"))),
            options => options.Limits.MaxHubMessageBytes = 8 * 1024);
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());

        var huge = System.Text.Json.JsonSerializer.Serialize(new { type = 1, invocationId = "9", target = "Send", arguments = new object[] { new { type = "user_message", clientId = "c", content = new string('x', 64 * 1024) } } });
        await hub.SendRawAsync(huge, TestContext.Current.CancellationToken);

        await hub.WaitForCloseAsync(TimeSpan.FromSeconds(20));
        Assert.True(hub.IsClosed);
    }

    [Fact]
    public async Task The_configured_hub_frame_limit_applies_above_signalrs_default_of_32_KiB()
    {
        await using var server = await ParleyTestServer.StartAsync(
            app => app.MapParley("/", chat => chat.OnMessage((m, ctx) => ctx.SendMessageAsync($"got {m.Content.Length}"))),
            options => options.Limits.MaxHubMessageBytes = 256 * 1024);
        var effective = server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.SignalR.HubOptions<Parley.Runtime.ChatHub>>>().Value;
        Assert.Equal(256 * 1024, effective.MaximumReceiveMessageSize);
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());

        var ack = await hub.SendAsync(new SendUserMessage("c1", new string('x', 90 * 1024)));

        Assert.True(ack.Ok, ack.Message);
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == $"got {90 * 1024}");
    }

    [Fact]
    public async Task A_client_that_sends_too_fast_is_rate_limited()
    {
        await using var server = await ParleyTestServer.StartAsync(
            app => app.MapParley("/", chat => chat.OnMessage((m, ctx) => Task.CompletedTask)),
            options => options.Limits.HubMessagesPerMinute = 10);
        await using var hub = await server.ConnectAsync("alice");

        var acks = new List<ClientAck>();
        for (var i = 0; i < 15; i++)
        {
            acks.Add(await hub.SendAsync(new StopGeneration()));
        }

        Assert.Contains(acks, a => a.Code == ErrorCodes.RateLimited);
    }

    [Fact]
    public async Task Two_apps_mapped_at_two_paths_answer_side_by_side_with_their_own_handlers()
    {
        await using var server = await ParleyTestServer.StartAsync(app =>
        {
            app.MapParley("/", chat => chat.OnMessage((m, ctx) => ctx.SendMessageAsync("full: " + m.Content)));
            app.MapParley<CopilotHandler>("/copilot-lite");
        });
        await using var full = await server.ConnectAsync("alice");
        await using var lite = await server.ConnectAsync("alice", "/copilot-lite");
        await full.SendAsync(new StartChat());
        await lite.SendAsync(new StartChat());

        await Task.WhenAll(full.SendAsync(new SendUserMessage("a", "one")), lite.SendAsync(new SendUserMessage("b", "two")));

        var fullReply = await full.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);
        var liteReply = await lite.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);
        Assert.Equal("full: one", fullReply.Step.Output);
        Assert.Equal("lite: two", liteReply.Step.Output);
    }

    [Fact]
    public async Task Mapping_two_apps_at_one_path_stops_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ParleyTestServer.StartAsync(app =>
        {
            app.MapParley("/support", chat => chat.OnMessage((m, ctx) => Task.CompletedTask));
            app.MapParley("support/", chat => chat.OnMessage((m, ctx) => Task.CompletedTask));
        }));

        Assert.Contains("already mapped at '/support'", error.Message);
    }

    private sealed class CopilotHandler : ChatHandler
    {
        public override Task OnMessageAsync(UserMessage message, ChatContext chat, CancellationToken cancellationToken) =>
            chat.SendMessageAsync("lite: " + message.Content, cancellationToken: cancellationToken);
    }
}
