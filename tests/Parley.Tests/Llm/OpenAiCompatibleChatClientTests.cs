using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Llm;
using Parley.Tests.Fixtures;

namespace Parley.Tests.Llm;

public sealed class OpenAiCompatibleChatClientTests : IAsyncLifetime
{
    private const string Key = "sk-test-0123456789abcdef";
    private FakeOpenAiServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private OpenAiCompatibleChatClient Client(Action<OpenAiCompatibleOptions>? configure = null)
    {
        var options = new OpenAiCompatibleOptions { BaseUrl = _server.BaseUrl, ApiKey = Key, Model = "gpt-test", MaxRetries = 0, Timeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        return new OpenAiCompatibleChatClient(options);
    }

    private static async Task<List<ChatResponseUpdate>> StreamAsync(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        List<ChatResponseUpdate> all = [];
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, timeout.Token))
        {
            all.Add(update);
        }
        return all;
    }

    [Fact]
    public async Task Text_deltas_stream_back_in_order_with_the_usage_of_the_final_chunk()
    {
        _server.Enqueue(FakeReply.Text("Hel", "lo", " world").WithUsage(12, 3));
        using var client = Client();

        var updates = await StreamAsync(client, [new(ChatRole.User, "hi")]);

        Assert.Equal(["Hel", "lo", " world"], updates.Where(u => u.Text.Length > 0).Select(u => u.Text));
        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal((12L, 3L, 15L), (usage.InputTokenCount!.Value, usage.OutputTokenCount!.Value, usage.TotalTokenCount!.Value));
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Stop);
        Assert.All(updates, u => Assert.Equal(FakeReply.ModelName, u.ModelId));
    }

    [Fact]
    public async Task The_request_carries_the_model_messages_options_key_organization_and_asks_for_usage()
    {
        using var client = Client(o => { o.Organization = "org-parley"; o.Temperature = 0.5f; });
        ChatMessage[] conversation =
        [
            new(ChatRole.System, "Be brief."),
            new(ChatRole.User, "Hi"),
            new(ChatRole.Assistant, "Hello!"),
            new(ChatRole.User, "Weather?"),
        ];

        await StreamAsync(client, conversation, new ChatOptions { MaxOutputTokens = 42, TopP = 0.9f });

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("gpt-test", request.Model);
        Assert.True(request.Body.GetProperty("stream").GetBoolean());
        Assert.True(request.IncludeUsage);
        Assert.Equal(["system: Be brief.", "user: Hi", "assistant: Hello!", "user: Weather?"], request.Transcript);
        Assert.Equal(0.5, request.Body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.9, request.Body.GetProperty("top_p").GetDouble(), 3);
        Assert.Equal(42, request.Body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("Bearer " + Key, request.Header("Authorization"));
        Assert.Equal("org-parley", request.Header("OpenAI-Organization"));
    }

    [Fact]
    public async Task Tool_call_fragments_split_across_chunks_are_assembled_by_index()
    {
        _server.Enqueue(FakeReply.ToolCalls([("call_a", "get_weather", """{"city":"Paris","unit":"celsius"}"""), ("call_b", "get_time", """{"zone":"Europe/Paris"}""")], pieces: 4));
        using var client = Client();
        var weather = AIFunctionFactory.Create(([Description("The city")] string city, string unit) => $"{city}: 21 {unit}", "get_weather", "Current weather");
        var time = AIFunctionFactory.Create((string zone) => "12:00", "get_time", "Current time");

        var updates = await StreamAsync(client, [new(ChatRole.User, "Weather and time in Paris?")], new ChatOptions { Tools = [weather, time] });

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_a", "call_b"], calls.Select(c => c.CallId));
        Assert.Equal(["get_weather", "get_time"], calls.Select(c => c.Name));
        Assert.Equal("Paris", ((JsonElement)calls[0].Arguments!["city"]!).GetString());
        Assert.Equal("celsius", ((JsonElement)calls[0].Arguments!["unit"]!).GetString());
        Assert.Equal("Europe/Paris", ((JsonElement)calls[1].Arguments!["zone"]!).GetString());
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.ToolCalls);

        var tools = _server.Requests[0].Body.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(["get_weather", "get_time"], tools.Select(t => t.GetProperty("function").GetProperty("name").GetString()));
        Assert.All(tools, t => Assert.Equal("function", t.GetProperty("type").GetString()));
        Assert.Equal("The city", tools[0].GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Tool_calls_and_their_results_in_the_conversation_are_sent_as_tool_messages()
    {
        using var client = Client();
        ChatMessage[] conversation =
        [
            new(ChatRole.User, "Weather in Paris?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "Sunny")]),
        ];

        await StreamAsync(client, conversation);

        var messages = _server.Requests[0].Messages;
        var call = messages[1].GetProperty("tool_calls")[0];
        Assert.Equal("call_1", call.GetProperty("id").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Paris", JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!).RootElement.GetProperty("city").GetString());
        Assert.Equal("tool", messages[2].GetProperty("role").GetString());
        Assert.Equal("call_1", messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("tool: Sunny", _server.Requests[0].Transcript[2]);
    }

    [Fact]
    public async Task Images_are_sent_as_data_urls_in_the_user_message()
    {
        using var client = Client();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];

        await StreamAsync(client, [new(ChatRole.User, [new TextContent("What is this?"), new DataContent(png, "image/png")])]);

        var parts = _server.Requests[0].Messages[0].GetProperty("content").EnumerateArray().ToList();
        Assert.Equal("What is this?", parts[0].GetProperty("text").GetString());
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), parts[1].GetProperty("image_url").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Without_a_key_no_authorization_header_is_sent()
    {
        using var client = Client(o => o.ApiKey = null);

        await StreamAsync(client, [new(ChatRole.User, "hi")]);

        Assert.Null(_server.Requests[0].Header("Authorization"));
    }

    [Fact]
    public async Task A_key_header_other_than_authorization_carries_the_plain_key()
    {
        using var client = Client(o => o.ApiKeyHeader = "api-key");

        await StreamAsync(client, [new(ChatRole.User, "hi")]);

        Assert.Equal(Key, _server.Requests[0].Header("api-key"));
        Assert.Null(_server.Requests[0].Header("Authorization"));
    }

    [Theory]
    [InlineData("unauthorized", LlmErrorKind.Unauthorized, "The model rejected the API key (HTTP 401)")]
    [InlineData("rate-limited", LlmErrorKind.RateLimited, "Rate limited by the model service, retry in 7 s.")]
    [InlineData("server-error", LlmErrorKind.ServerError, "The model service failed (HTTP 500)")]
    [InlineData("stall", LlmErrorKind.Timeout, "The model did not answer in time")]
    [InlineData("down", LlmErrorKind.Unreachable, "Could not reach the model at http://127.0.0.1:")]
    public async Task A_failed_call_throws_an_LlmException_with_a_clear_message_and_no_key(string failure, LlmErrorKind kind, string message)
    {
        var baseUrl = _server.BaseUrl;
        switch (failure)
        {
            case "unauthorized": _server.Enqueue(FakeReply.Unauthorized(Key)); break;
            case "rate-limited": _server.Enqueue(FakeReply.RateLimited(7)); break;
            case "server-error": _server.Enqueue(FakeReply.ServerError()); break;
            case "stall": _server.Enqueue(FakeReply.Stall("Hel")); break;
            case "down": baseUrl = $"http://127.0.0.1:{FakeOpenAiServer.UnusedPort()}/v1"; break;
        }
        using var client = Client(o => { o.BaseUrl = baseUrl; o.Timeout = TimeSpan.FromSeconds(1); });

        var error = await Assert.ThrowsAsync<LlmException>(() => StreamAsync(client, [new(ChatRole.User, "hi")]));

        Assert.Equal(kind, error.Kind);
        Assert.StartsWith(message, error.Message);
        Assert.DoesNotContain(Key, error.ToString());
        if (kind == LlmErrorKind.RateLimited)
        {
            Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
            Assert.Equal("rate_limit_exceeded", error.ProviderCode);
        }
    }

    [Fact]
    public async Task Cancelling_mid_stream_aborts_the_http_request()
    {
        _server.Enqueue(FakeReply.Stall("Hel", "lo"));
        using var client = Client();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var seen = new List<string>();

        var reading = Task.Run(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new(ChatRole.User, "hi")], cancellationToken: cts.Token))
            {
                seen.Add(update.Text);
                if (string.Concat(seen) == "Hello")
                {
                    await cts.CancelAsync();
                }
            }
        }, TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        await _server.Requests[0].Aborted.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void The_client_reports_its_model_and_endpoint_and_is_not_the_demo()
    {
        using var client = Client();

        var metadata = Assert.IsType<ChatClientMetadata>(((IChatClient)client).GetService(typeof(ChatClientMetadata)));

        Assert.Equal("gpt-test", metadata.DefaultModelId);
        Assert.Equal(new Uri(_server.BaseUrl), metadata.ProviderUri);
        Assert.False(client.IsDemo());
    }
}
