using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Parley.Tests.Fixtures;

/// <summary>One scripted answer of the fake server.</summary>
internal abstract record FakeReply
{
    public const string ModelName = "fake-model";

    /// <summary>A streamed text answer, one chunk per token.</summary>
    public static StreamReply Text(params string[] tokens) => new([.. tokens.Select(t => new Delta(t, null))], "stop");

    /// <summary>A streamed answer that calls tools; each call's arguments arrive split into <paramref name="pieces"/> fragments.</summary>
    public static StreamReply ToolCalls(IReadOnlyList<(string Id, string Name, string Arguments)> calls, int pieces = 3)
    {
        List<Delta> deltas = [];
        for (var i = 0; i < calls.Count; i++)
        {
            deltas.Add(new Delta(null, new ToolFragment(i, calls[i].Id, calls[i].Name, "")));
        }
        // Fragments of different calls interleave, as they may on the wire; the index keys them.
        var split = calls.Select(c => Split(c.Arguments, pieces)).ToList();
        for (var p = 0; p < pieces; p++)
        {
            for (var i = 0; i < calls.Count; i++)
            {
                if (split[i][p].Length > 0)
                {
                    deltas.Add(new Delta(null, new ToolFragment(i, null, null, split[i][p])));
                }
            }
        }
        return new StreamReply(deltas, "tool_calls");
    }

    /// <summary>A failure with OpenAI's error body.</summary>
    public static ErrorReply Error(int status, string message, string type, string? code, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code } }.ToJsonString(), headers ?? new Dictionary<string, string>());

    /// <summary>401 as OpenAI sends it, echoing the key it got (OpenAI shows part of it; the whole is the worst case).</summary>
    public static ErrorReply Unauthorized(string key) =>
        Error(401, $"Incorrect API key provided: {key}. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key");

    public static ErrorReply RateLimited(int retryAfterSeconds) =>
        Error(429, "Rate limit reached for requests. Please try again in 20s.", "requests", "rate_limit_exceeded",
            new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static ErrorReply ServerError() => Error(500, "The server had an error while processing your request. Sorry about that!", "server_error", null);

    /// <summary>Sends the status line and <paramref name="tokens"/>, then nothing more until the client goes away.</summary>
    public static StallReply Stall(params string[] tokens) => new(tokens);

    public abstract Task WriteAsync(HttpContext context, FakeRequest request, string id);

    private static string[] Split(string text, int pieces)
    {
        var size = (int)Math.Ceiling(text.Length / (double)pieces);
        return [.. Enumerable.Range(0, pieces).Select(i => i * size >= text.Length ? "" : text.Substring(i * size, Math.Min(size, text.Length - i * size)))];
    }

    protected static async Task StartStreamAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync(context.RequestAborted);
    }

    protected static async Task SendAsync(HttpContext context, JsonObject chunk)
    {
        await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    protected static JsonObject Chunk(string id, FakeRequest request, JsonObject? delta, string? finishReason)
    {
        var chunk = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = ModelName,
            ["system_fingerprint"] = "fp_fake",
            ["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
        };
        if (request.IncludeUsage)
        {
            chunk["usage"] = null;
        }
        return chunk;
    }

    protected static JsonObject RoleDelta() => new() { ["role"] = "assistant", ["content"] = "", ["refusal"] = null };
}

/// <summary>A piece of a streamed answer: text, or a fragment of a tool call.</summary>
internal sealed record Delta(string? Content, ToolFragment? Tool);

/// <summary>A fragment of a tool call: the first carries id and name, later ones only pieces of the arguments.</summary>
internal sealed record ToolFragment(int Index, string? Id, string? Name, string Arguments);

/// <summary>A streamed answer: a role chunk, the deltas, a chunk with the finish reason, the usage chunk if asked for, then [DONE].</summary>
internal sealed record StreamReply(IReadOnlyList<Delta> Deltas, string FinishReason) : FakeReply
{
    public int PromptTokens { get; init; } = 11;
    public int CompletionTokens { get; init; } = 7;
    public TimeSpan Pause { get; init; }

    /// <summary>While not completed, the stream waits after the first <see cref="HeldDeltas"/> deltas.</summary>
    public Task? Release { get; init; }

    public int HeldDeltas { get; init; }

    public StreamReply WithUsage(int prompt, int completion) => this with { PromptTokens = prompt, CompletionTokens = completion };

    public StreamReply WithPause(TimeSpan pause) => this with { Pause = pause };

    /// <summary>Sends the first <paramref name="deltas"/> deltas, then waits for <paramref name="release"/> (or the client to go away) before the rest.</summary>
    public StreamReply HeldAfter(int deltas, Task release) => this with { HeldDeltas = deltas, Release = release };

    public override async Task WriteAsync(HttpContext context, FakeRequest request, string id)
    {
        await StartStreamAsync(context);
        await SendAsync(context, Chunk(id, request, RoleDelta(), null));
        for (var i = 0; i <= Deltas.Count; i++)
        {
            if (i == HeldDeltas && Release is not null)
            {
                await Release.WaitAsync(context.RequestAborted);
            }
            if (i == Deltas.Count)
            {
                break;
            }
            if (Pause > TimeSpan.Zero)
            {
                await Task.Delay(Pause, context.RequestAborted);
            }
            await SendAsync(context, Chunk(id, request, ToJson(Deltas[i]), null));
        }
        await SendAsync(context, Chunk(id, request, [], FinishReason));
        if (request.IncludeUsage)
        {
            var usage = Chunk(id, request, null, null);
            usage["usage"] = new JsonObject
            {
                ["prompt_tokens"] = PromptTokens,
                ["completion_tokens"] = CompletionTokens,
                ["total_tokens"] = PromptTokens + CompletionTokens,
                ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0, ["audio_tokens"] = 0 },
                ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0, ["audio_tokens"] = 0 },
            };
            await SendAsync(context, usage);
        }
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static JsonObject ToJson(Delta delta)
    {
        if (delta.Tool is not { } tool)
        {
            return new JsonObject { ["content"] = delta.Content };
        }
        var function = new JsonObject();
        if (tool.Name is not null)
        {
            function["name"] = tool.Name;
        }
        function["arguments"] = tool.Arguments;
        var call = new JsonObject { ["index"] = tool.Index };
        if (tool.Id is not null)
        {
            call["id"] = tool.Id;
            call["type"] = "function";
        }
        call["function"] = function;
        return new JsonObject { ["tool_calls"] = new JsonArray(call) };
    }
}

/// <summary>A failure: a status, OpenAI's error JSON, and headers such as Retry-After.</summary>
internal sealed record ErrorReply(int Status, string Body, IReadOnlyDictionary<string, string> Headers) : FakeReply
{
    public override async Task WriteAsync(HttpContext context, FakeRequest request, string id)
    {
        context.Response.StatusCode = Status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in Headers)
        {
            context.Response.Headers[name] = value;
        }
        await context.Response.WriteAsync(Body, context.RequestAborted);
    }
}

/// <summary>A stream that stops sending after some tokens and waits until the client gives up.</summary>
internal sealed record StallReply(IReadOnlyList<string> Tokens) : FakeReply
{
    public override async Task WriteAsync(HttpContext context, FakeRequest request, string id)
    {
        await StartStreamAsync(context);
        await SendAsync(context, Chunk(id, request, RoleDelta(), null));
        foreach (var token in Tokens)
        {
            await SendAsync(context, Chunk(id, request, new JsonObject { ["content"] = token }, null));
        }
        // Bounded so a client that never gives up cannot hold the test run forever.
        await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted);
    }
}
