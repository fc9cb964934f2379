using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Data;
using Parley.Llm;
using Parley.Protocol;
using Parley.Tests.Fixtures;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Llm;

/// <summary>A Parley app answering with an OpenAI-compatible model, end to end: browser protocol, Parley server, SDK, fake model server.</summary>
public sealed class LlmReplyTests : IAsyncLifetime
{
    private const string Key = "sk-live-do-not-leak-4f9a2b7c";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly LogCapture _logs = new();
    private readonly ConcurrentQueue<LlmReply> _replies = new();
    private FakeOpenAiServer _model = null!;

    public async ValueTask InitializeAsync() => _model = await FakeOpenAiServer.StartAsync();

    public async ValueTask DisposeAsync() => await _model.DisposeAsync();

    private Task<ParleyTestServer> ServerAsync(LlmReplyOptions? options = null, Action<OpenAiCompatibleOptions>? configure = null)
    {
        var settings = new OpenAiCompatibleOptions { BaseUrl = _model.BaseUrl, ApiKey = Key, Model = "gpt-test", MaxRetries = 0, Timeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(settings);
        var client = new OpenAiCompatibleChatClient(settings);
        return ParleyTestServer.StartAsync(
            app => app.MapParley("/", chat => chat.OnMessage(async (m, ctx, ct) => _replies.Enqueue(await ctx.StreamChatResponseAsync(client, options, ct)))),
            services: services => services.AddSingleton<ILoggerProvider>(_logs));
    }

    private static async Task<HubClient> ChatAsync(ParleyTestServer server)
    {
        var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        await hub.WaitForAsync<ChatStarted>();
        // The chat start hook runs (and ends) first; replies are awaited by their own running events.
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        return hub;
    }

    /// <summary>Sends a message and waits until the reply run is over.</summary>
    private static async Task SayAsync(HubClient hub, string clientId, string text, IReadOnlyList<string>? fileIds = null)
    {
        var ack = await hub.SendAsync(new SendUserMessage(clientId, text, fileIds));
        Assert.True(ack.Ok, ack.Message);
        await hub.WaitForAsync<RunningEvent>(e => e.Running);
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
    }

    private static List<StepDto> Steps(HubClient hub) =>
        [.. hub.Seen.OfType<StepEvent>().Select(e => e.Step).GroupBy(s => s.Id).Select(g => g.Last())
            .Where(s => !hub.Seen.OfType<StepDeleted>().Any(d => d.StepId == s.Id))];

    [Fact]
    public async Task A_model_reply_streams_into_a_message_token_by_token_and_records_the_token_usage()
    {
        _model.Enqueue(FakeReply.Text("Hel", "lo", ", ", "world", "!").WithUsage(12, 5).WithPause(TimeSpan.FromMilliseconds(30)));
        await using var server = await ServerAsync();
        await using var hub = await ChatAsync(server);

        await SayAsync(hub, "c1", "hello");

        var message = Assert.Single(Steps(hub), s => s.Type == StepTypes.AssistantMessage);
        Assert.Equal("Hello, world!", message.Output);
        Assert.False(message.Streaming);
        var tokens = hub.Seen.OfType<TokenEvent>().Where(t => t.StepId == message.Id).Select(t => t.Text).ToList();
        Assert.True(tokens.Count > 1, $"the reply came as {tokens.Count} token event(s)");
        Assert.Equal("Hello, world!", string.Concat(tokens));

        var stored = await server.Services.GetRequiredService<IStepStore>().GetAsync(message.Id, TestContext.Current.CancellationToken).WaitAsync(Wait, TestContext.Current.CancellationToken);
        var llm = JsonDocument.Parse(stored!.Metadata!).RootElement.GetProperty("llm");
        Assert.Equal(12, llm.GetProperty("usage").GetProperty("inputTokens").GetInt64());
        Assert.Equal(5, llm.GetProperty("usage").GetProperty("outputTokens").GetInt64());
        Assert.Equal(17, llm.GetProperty("usage").GetProperty("totalTokens").GetInt64());
        Assert.Equal(FakeReply.ModelName, llm.GetProperty("model").GetString());
        Assert.Equal("stop", llm.GetProperty("finishReason").GetString());

        var reply = Assert.Single(_replies);
        Assert.True(reply.Succeeded);
        Assert.Equal(new LlmUsage(12, 5, 17), reply.Usage);
        Assert.Equal(new LlmUsage(12, 5, 17), reply.Message!.GetLlmUsage());
        Assert.True(_model.Requests[0].IncludeUsage);
    }

    [Fact]
    public async Task The_second_turn_sends_the_system_prompt_and_the_whole_conversation()
    {
        _model.Enqueue(FakeReply.Text("Hi ", "there."), FakeReply.Text("Sure."));
        await using var server = await ServerAsync(new LlmReplyOptions { SystemPrompt = "You are Parley's test assistant." });
        await using var hub = await ChatAsync(server);

        await SayAsync(hub, "c1", "hello");
        await SayAsync(hub, "c2", "tell me more");

        Assert.Equal(["system: You are Parley's test assistant.", "user: hello"], _model.Requests[0].Transcript);
        Assert.Equal(["system: You are Parley's test assistant.", "user: hello", "assistant: Hi there.", "user: tell me more"], _model.Requests[1].Transcript);
        Assert.All(_model.Requests, r => Assert.Equal("gpt-test", r.Model));
    }

    [Fact]
    public async Task Stop_cancels_the_http_stream_to_the_model_and_keeps_what_was_streamed()
    {
        _model.Enqueue(FakeReply.Stall("Once ", "upon "));
        await using var server = await ServerAsync();
        await using var hub = await ChatAsync(server);
        Assert.True((await hub.SendAsync(new SendUserMessage("c1", "tell a story"))).Ok);
        var request = await _model.NextRequestAsync();
        await hub.WaitForAsync<TokenEvent>(t => t.Text.Contains("upon", StringComparison.Ordinal) || string.Concat(hub.Seen.OfType<TokenEvent>().Select(e => e.Text)) == "Once upon ");

        Assert.True((await hub.SendAsync(new StopGeneration())).Ok);

        await request.Aborted.WaitAsync(Wait, TestContext.Current.CancellationToken);
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        var message = Assert.Single(Steps(hub), s => s.Type == StepTypes.AssistantMessage);
        Assert.Equal("Once upon ", message.Output);
        Assert.False(message.Streaming);
        Assert.DoesNotContain(Steps(hub), s => s.IsError);
        var stored = await server.Services.GetRequiredService<IStepStore>().GetAsync(message.Id, TestContext.Current.CancellationToken).WaitAsync(Wait, TestContext.Current.CancellationToken);
        Assert.True(JsonDocument.Parse(stored!.Metadata!).RootElement.GetProperty("llm").GetProperty("stopped").GetBoolean());
    }

    [Fact]
    public async Task A_tool_call_runs_the_function_shows_a_tool_step_in_the_message_and_the_model_answers_with_its_result()
    {
        _model.Enqueue(
            FakeReply.ToolCalls([("call_w1", "get_weather", """{"city":"Paris"}""")]),
            FakeReply.Text("It is sunny ", "in Paris."));
        var asked = new ConcurrentQueue<string>();
        var weather = AIFunctionFactory.Create((string city) => { asked.Enqueue(city); return $"Sunny, 21 °C in {city}"; }, "get_weather", "Current weather in a city");
        await using var server = await ServerAsync(new LlmReplyOptions { ChatOptions = new ChatOptions { Tools = [weather] } });
        await using var hub = await ChatAsync(server);

        await SayAsync(hub, "c1", "Weather in Paris?");

        Assert.Equal(["Paris"], asked);
        var steps = Steps(hub);
        var message = Assert.Single(steps, s => s.Type == StepTypes.AssistantMessage);
        var tool = Assert.Single(steps, s => s.Type == StepTypes.Tool);
        Assert.Equal(message.Id, tool.ParentId);
        Assert.Equal("get_weather", tool.Name);
        Assert.Equal("Paris", JsonDocument.Parse(tool.Input!).RootElement.GetProperty("city").GetString());
        Assert.Equal("Sunny, 21 °C in Paris", tool.Output);
        Assert.False(tool.IsError);
        Assert.NotNull(tool.EndedAt);
        Assert.Equal("It is sunny in Paris.", message.Output);

        var second = _model.Requests[1];
        Assert.Equal("call_w1", second.Messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("call_w1", second.Messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("tool: Sunny, 21 °C in Paris", second.Transcript[2]);
        Assert.Equal("get_weather", _model.Requests[0].Body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        var reply = Assert.Single(_replies);
        Assert.Equal((2, 1), (reply.ModelCalls, reply.ToolCalls));
        Assert.Equal(new LlmUsage(22, 14, 36), reply.Usage);
    }

    [Fact]
    public async Task Stop_while_a_tool_runs_cancels_it_and_finishes_its_step()
    {
        _model.Enqueue(FakeReply.ToolCalls([("call_1", "slow", "{}")]));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = AIFunctionFactory.Create(async (CancellationToken ct) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(1), ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }
            return "done";
        }, "slow", "Takes long");
        await using var server = await ServerAsync(new LlmReplyOptions { ChatOptions = new ChatOptions { Tools = [slow] } });
        await using var hub = await ChatAsync(server);
        Assert.True((await hub.SendAsync(new SendUserMessage("c1", "go slow"))).Ok);
        await started.Task.WaitAsync(Wait, TestContext.Current.CancellationToken);

        Assert.True((await hub.SendAsync(new StopGeneration())).Ok);

        await cancelled.Task.WaitAsync(Wait, TestContext.Current.CancellationToken);
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        var tool = Assert.Single(Steps(hub), s => s.Type == StepTypes.Tool);
        Assert.NotNull(tool.EndedAt);
        Assert.Single(_model.Requests);
    }

    [Fact]
    public async Task A_failing_tool_is_shown_as_a_failed_step_and_the_model_is_told_without_internal_details()
    {
        _model.Enqueue(FakeReply.ToolCalls([("call_1", "lookup", """{"id":7}""")]), FakeReply.Text("Sorry, the lookup failed."));
        var lookup = AIFunctionFactory.Create(string (int id) => throw new InvalidOperationException("db password is hunter2"), "lookup", "Looks up a record");
        await using var server = await ServerAsync(new LlmReplyOptions { ChatOptions = new ChatOptions { Tools = [lookup] } });
        await using var hub = await ChatAsync(server);

        await SayAsync(hub, "c1", "Look up 7");

        var tool = Assert.Single(Steps(hub), s => s.Type == StepTypes.Tool);
        Assert.True(tool.IsError);
        Assert.Equal("The tool failed.", tool.Output);
        Assert.Equal("tool: Error: The tool failed.", _model.Requests[1].Transcript[2]);
        Assert.DoesNotContain("hunter2", string.Concat(_model.Requests[1].Transcript));
        Assert.Equal("Sorry, the lookup failed.", Assert.Single(Steps(hub), s => s.Type == StepTypes.AssistantMessage).Output);
    }

    [Fact]
    public async Task A_model_that_keeps_calling_tools_is_stopped_after_the_configured_rounds()
    {
        _model.Enqueue(
            FakeReply.ToolCalls([("call_1", "ping", "{}")]),
            FakeReply.ToolCalls([("call_2", "ping", "{}")]),
            FakeReply.ToolCalls([("call_3", "ping", "{}")]));
        var ping = AIFunctionFactory.Create(() => "pong", "ping", "Ping");
        await using var server = await ServerAsync(new LlmReplyOptions { MaxToolIterations = 2, ChatOptions = new ChatOptions { Tools = [ping] } });
        await using var hub = await ChatAsync(server);

        await SayAsync(hub, "c1", "ping forever");

        Assert.Equal(3, _model.Requests.Count);
        Assert.Equal(2, Steps(hub).Count(s => s.Type == StepTypes.Tool));
        var notice = Assert.Single(Steps(hub), s => s.IsError);
        Assert.Equal("The model kept calling tools; it was stopped after 2 rounds of tool calls without a final answer.", notice.Output);
        Assert.True(Assert.Single(_replies).ToolLimitReached);
    }

    [Theory]
    [InlineData("unauthorized", "The model rejected the API key (HTTP 401). Check the configured key (Parley:Llm:ApiKey).")]
    [InlineData("rate-limited", "Rate limited by the model service, retry in 20 s.")]
    [InlineData("server-error", "The model service failed (HTTP 500). Please try again.")]
    [InlineData("stall", "The model did not answer in time. Please try again.")]
    [InlineData("down", "Could not reach the model at http://127.0.0.1:")]
    public async Task Each_model_failure_shows_a_clear_error_keeps_the_users_message_and_the_next_message_works(string failure, string expected)
    {
        var baseUrl = _model.BaseUrl;
        switch (failure)
        {
            case "unauthorized": _model.Enqueue(FakeReply.Unauthorized(Key)); break;
            case "rate-limited": _model.Enqueue(FakeReply.RateLimited(20)); break;
            case "server-error": _model.Enqueue(FakeReply.ServerError()); break;
            case "stall": _model.Enqueue(FakeReply.Stall()); break;
            case "down": baseUrl = $"http://127.0.0.1:{FakeOpenAiServer.UnusedPort()}/v1"; break;
        }
        var model = _model;
        await using var server = await ServerAsync(configure: o => { o.BaseUrl = baseUrl; o.Timeout = TimeSpan.FromSeconds(1); });
        await using var hub = await ChatAsync(server);

        await SayAsync(hub, "c1", "first try");

        var error = Assert.Single(Steps(hub), s => s.IsError);
        Assert.Equal(StepTypes.SystemMessage, error.Type);
        Assert.StartsWith(expected, error.Output);
        Assert.DoesNotContain(Steps(hub), s => s.Type == StepTypes.AssistantMessage);
        Assert.Single(Steps(hub), s => s.Type == StepTypes.UserMessage && s.Output == "first try");
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(Key, StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, line => line.Contains("[1400]", StringComparison.Ordinal));
        Assert.False(Assert.Single(_replies).Succeeded);

        if (failure == "down")
        {
            // The endpoint is still down; what matters is that the chat keeps answering.
            await SayAsync(hub, "c2", "again");
            Assert.Equal(2, Steps(hub).Count(s => s.IsError));
            return;
        }
        model.Enqueue(FakeReply.Text("Works ", "now."));
        await SayAsync(hub, "c2", "again");
        Assert.Equal("Works now.", Assert.Single(Steps(hub), s => s.Type == StepTypes.AssistantMessage).Output);
        // The retry carries the message that failed, not the error notice.
        Assert.Equal(["user: first try", "user: again"], model.Requests[^1].Transcript);
    }

    [Fact]
    public async Task Text_and_image_attachments_of_the_user_are_passed_to_the_model_when_enabled()
    {
        byte[] png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        await using var server = await ServerAsync(new LlmReplyOptions { Attachments = LlmAttachments.Text | LlmAttachments.Images });
        using var alice = await ApiClient.CreateAsync(server, "alice");
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in new[] { ("notes.txt", "remember the milk"u8.ToArray()), ("pixel.png", png) })
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }
        using var upload = await alice.Http.PostAsync("api/files", form, TestContext.Current.CancellationToken);
        var files = (await upload.Content.ReadFromJsonAsync<UploadedFileDto[]>(TestContext.Current.CancellationToken))!;
        await using var hub = await ChatAsync(server);

        await SayAsync(hub, "c1", "see attached", [.. files.Select(f => f.Id)]);

        var parts = _model.Requests[0].Messages[0].GetProperty("content").EnumerateArray().ToList();
        Assert.Equal("see attached", parts[0].GetProperty("text").GetString());
        Assert.Equal("File notes.txt:\n```\nremember the milk\n```", parts[1].GetProperty("text").GetString());
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), parts[2].GetProperty("image_url").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Attachments_the_model_is_not_set_up_for_are_named_but_not_sent()
    {
        byte[] png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        await using var server = await ServerAsync();
        using var alice = await ApiClient.CreateAsync(server, "alice");
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(png);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "files", "pixel.png");
        using var upload = await alice.Http.PostAsync("api/files", form, TestContext.Current.CancellationToken);
        var files = (await upload.Content.ReadFromJsonAsync<UploadedFileDto[]>(TestContext.Current.CancellationToken))!;
        await using var hub = await ChatAsync(server);

        await SayAsync(hub, "c1", "what is this?", [.. files.Select(f => f.Id)]);

        Assert.Equal(["user: what is this?[Attached, not shown to you: pixel.png (image/png)]"], _model.Requests[0].Transcript);
        Assert.DoesNotContain("image_url", _model.Requests[0].Body.GetRawText());
    }
}
