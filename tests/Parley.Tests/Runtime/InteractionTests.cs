using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Parley.Chat;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Runtime;

public sealed class InteractionTests
{
    [Fact]
    public async Task An_action_click_runs_its_callback_with_the_servers_copy_of_the_payload()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat
            .OnChatStart(ctx => ctx.SendMessageAsync("Pick", new MessageOptions { Actions = [new ChatAction("approve", "Approve", new { ticket = 42 })] }))
            .OnAction("approve", (action, ctx) => ctx.SendMessageAsync($"approved {action.GetPayload<JsonElement>().GetProperty("ticket").GetInt32()}"))));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        var offered = await hub.WaitForAsync<ActionsEvent>();
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);

        var ack = await hub.SendAsync(new InvokeAction(offered.Actions[0].Id));

        Assert.True(ack.Ok, ack.Message);
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "approved 42");
    }

    [Fact]
    public async Task An_action_id_the_server_never_issued_is_refused()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnAction("approve", (a, ctx) => ctx.SendMessageAsync("should not run"))));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());

        var ack = await hub.SendAsync(new InvokeAction("approve"));

        Assert.Equal(ErrorCodes.NotFound, ack.Code);
    }

    [Fact]
    public async Task Asking_for_text_waits_for_the_users_answer()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnChatStart(async ctx =>
        {
            var name = await ctx.AskTextAsync("Your name?", TimeSpan.FromSeconds(30));
            await ctx.SendMessageAsync($"Hello {name}");
        })));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        var ask = await hub.WaitForAsync<AskEvent>();
        Assert.Equal(AskKind.Text, ask.Kind);

        Assert.True((await hub.SendAsync(new AskReply(ask.AskId, Text: "Ada"))).Ok);

        await hub.WaitForAsync<AskEnded>(e => e.Reason == AskEndReason.Answered);
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "Hello Ada");
    }

    [Fact]
    public async Task A_typed_message_answers_a_pending_text_ask()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnChatStart(async ctx =>
        {
            var city = await ctx.AskTextAsync("City?", TimeSpan.FromSeconds(30));
            await ctx.SendMessageAsync($"City: {city}");
        })));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.WaitForAsync<AskEvent>();

        Assert.True((await hub.SendAsync(new SendUserMessage("c1", "Paris"))).Ok);

        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "City: Paris");
    }

    [Fact]
    public async Task An_unanswered_ask_times_out_and_the_handler_gets_null()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnChatStart(async ctx =>
        {
            var answer = await ctx.AskTextAsync("Quick?", TimeSpan.FromMilliseconds(300));
            await ctx.SendMessageAsync(answer is null ? "timed out" : "answered");
        })));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());

        await hub.WaitForAsync<AskEnded>(e => e.Reason == AskEndReason.Timeout);
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "timed out");
    }

    [Fact]
    public async Task Asking_for_a_choice_returns_the_clicked_action_and_refuses_others()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnChatStart(async ctx =>
        {
            var choice = await ctx.AskActionAsync("Continue?", [new ChatAction("yes", "Yes"), new ChatAction("no", "No")], TimeSpan.FromSeconds(30));
            await ctx.SendMessageAsync($"chose {choice?.Name}");
        })));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        var ask = await hub.WaitForAsync<AskEvent>();

        Assert.Equal(ErrorCodes.NotFound, (await hub.SendAsync(new AskReply(ask.AskId, ActionId: "made-up"))).Code);
        var no = ask.Actions!.Single(a => a.Name == "no");
        Assert.True((await hub.SendAsync(new AskReply(ask.AskId, ActionId: no.Id))).Ok);

        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "chose no");
    }

    [Fact]
    public async Task Settings_chosen_in_a_conversation_come_back_when_it_is_resumed()
    {
        static Task Offer(ChatContext ctx)
        {
            ctx.SetSettings(
                new SelectSetting("model", "Model", [new SettingOption("a", "A"), new SettingOption("b", "B")], "a"),
                new SwitchSetting("stream", "Stream", true));
            return Task.CompletedTask;
        }
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat
            .OnChatStart(Offer)
            .OnChatResume((ctx, ct) => Offer(ctx))
            .OnMessage((m, ctx) => ctx.SendMessageAsync($"{m.Content}: model={ctx.Settings.Get<string>("model")} stream={ctx.Settings.Get<bool>("stream")}"))));
        static Dictionary<string, JsonElement> Values(object values) =>
            JsonSerializer.SerializeToElement(values).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

        string threadId;
        await using (var first = await server.ConnectAsync("alice"))
        {
            await first.SendAsync(new StartChat());
            threadId = (await first.WaitForAsync<ChatStarted>()).ThreadId;
            await first.WaitForAsync<RunningEvent>(e => !e.Running);
            // Chosen before the conversation is stored, then written with it.
            Assert.True((await first.SendAsync(new UpdateSettings(Values(new { model = "b", injected = "x" })))).Ok);
            await first.WaitForAsync<RunningEvent>(e => !e.Running);
            await first.SendAsync(new SendUserMessage("c1", "one"));
            await first.WaitForAsync<StepEvent>(e => e.Step.Output == "one: model=b stream=True");
        }

        await using (var second = await server.ConnectAsync("alice"))
        {
            await second.SendAsync(new StartChat(ThreadId: threadId));
            var settings = await second.WaitForAsync<SettingsEvent>(e => e.Widgets.Count == 2);
            Assert.Equal("b", settings.Values["model"].GetString());
            Assert.False(settings.Values.ContainsKey("injected"));
            await second.WaitForAsync<RunningEvent>(e => !e.Running);
            await second.SendAsync(new SendUserMessage("c2", "two"));
            await second.WaitForAsync<StepEvent>(e => e.Step.Output == "two: model=b stream=True");
            // Changed in a stored conversation: written at once.
            Assert.True((await second.SendAsync(new UpdateSettings(Values(new { stream = false })))).Ok);
            await second.WaitForAsync<RunningEvent>(e => !e.Running);
        }

        await using var third = await server.ConnectAsync("alice");
        await third.SendAsync(new StartChat(ThreadId: threadId));
        var restored = await third.WaitForAsync<SettingsEvent>(e => e.Widgets.Count == 2);
        Assert.Equal("b", restored.Values["model"].GetString());
        Assert.False(restored.Values["stream"].GetBoolean());

        // A new conversation starts from the app's initial values again.
        await using var fresh = await server.ConnectAsync("alice");
        await fresh.SendAsync(new StartChat());
        var initial = await fresh.WaitForAsync<SettingsEvent>(e => e.Widgets.Count == 2);
        Assert.Equal("a", initial.Values["model"].GetString());
    }

    [Fact]
    public async Task Settings_updates_reach_the_handler_and_unknown_keys_are_dropped()
    {
        var seen = new TaskCompletionSource<ChatSettingsValues>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat
            .OnChatStart(ctx =>
            {
                ctx.SetSettings(new SliderSetting("temperature", "Temperature", 0.7, 0, 2, 0.1), new SwitchSetting("stream", "Stream", true));
                return Task.CompletedTask;
            })
            .OnSettingsUpdate((values, ctx, ct) => { seen.TrySetResult(values); return Task.CompletedTask; })));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        var settings = await hub.WaitForAsync<SettingsEvent>(e => e.Widgets.Count == 2);
        Assert.Equal(0.7, settings.Values["temperature"].GetDouble());
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);

        var values = new Dictionary<string, JsonElement>
        {
            ["temperature"] = JsonSerializer.SerializeToElement(1.5),
            ["isAdmin"] = JsonSerializer.SerializeToElement(true),
        };
        Assert.True((await hub.SendAsync(new UpdateSettings(values))).Ok);

        var received = await seen.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(1.5, received.Get<double>("temperature"));
        Assert.True(received.Get<bool>("stream"));
        Assert.False(received.Values.ContainsKey("isAdmin"));
    }

    [Fact]
    public async Task A_handler_calls_a_host_page_function_and_gets_its_result()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage(async (m, ctx) =>
        {
            var result = await ctx.CallHostFunctionAsync("getCart", new { userId = 1 });
            await ctx.SendMessageAsync($"cart has {result.GetProperty("items").GetInt32()} items");
        })));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.SendAsync(new SendUserMessage("c1", "what's in my cart?"));
        var call = await hub.WaitForAsync<HostFunctionCall>();
        Assert.Equal("getCart", call.Name);

        await hub.SendAsync(new HostFunctionResult(call.CallId, JsonSerializer.SerializeToElement(new { items = 3 })));

        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "cart has 3 items");
    }

    [Fact]
    public async Task Starters_and_profiles_are_offered_when_the_chat_starts()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat
            .Starters(new Starter("Plan a trip", "Plan a 3-day trip to Lisbon"))
            .Profiles(new ChatProfile("fast", "Quick answers", IsDefault: true), new ChatProfile("deep", "Thorough answers"))
            .OnChatStart(ctx => ctx.SendMessageAsync($"profile={ctx.ChatProfile}"))));
        await using var hub = await server.ConnectAsync("alice");

        await hub.SendAsync(new StartChat(ChatProfile: "deep"));

        var started = await hub.WaitForAsync<ChatStarted>();
        Assert.Equal("Plan a trip", Assert.Single(started.Starters).Label);
        Assert.Equal(["fast", "deep"], started.Profiles.Select(p => p.Name));
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "profile=deep");
    }

    [Fact]
    public async Task The_user_session_keeps_values_between_messages_of_one_chat()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage(async (m, ctx) =>
        {
            var count = ctx.Session.Get<int>("count") + 1;
            ctx.Session.Set("count", count);
            await ctx.SendMessageAsync($"count={count}");
        })));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.SendAsync(new SendUserMessage("c1", "a"));
        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "count=1");
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);

        await hub.SendAsync(new SendUserMessage("c2", "b"));

        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "count=2");
    }
}
