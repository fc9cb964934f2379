using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Parley.Tests.Fixtures;

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 for tests: <c>POST /v1/chat/completions</c> answers
/// with the next scripted <see cref="FakeReply"/> (a server-sent-event stream shaped exactly like
/// OpenAI's, or a scripted failure) and records every request it got, including whether the
/// client went away before the answer ended.
/// </summary>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly Channel<FakeRequest> _arrivals = Channel.CreateUnbounded<FakeRequest>();
    private readonly List<FakeRequest> _requests = [];
    private int _completions;
    private StandInServer _server = null!;

    private FakeOpenAiServer()
    {
    }

    /// <summary>The base URL to configure, ending in <c>/v1</c>.</summary>
    public string BaseUrl => _server.BaseUrl + "/v1";

    /// <summary>Every request so far, in order.</summary>
    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var server = new FakeOpenAiServer();
        server._server = await StandInServer.StartAsync(app => app.MapPost("/v1/chat/completions", server.CompleteAsync));
        return server;
    }

    /// <summary>Queues the answers of the next requests, in order. With none queued, a request gets "ok".</summary>
    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>Drops the queued answers nobody asked for, so a test that stopped half-way leaves none to the next test.</summary>
    public void ClearScript() => _script.Clear();

    /// <summary>Waits for the next request to arrive (its body is read).</summary>
    public async Task<FakeRequest> NextRequestAsync(TimeSpan? timeout = null) =>
        await _arrivals.Reader.ReadAsync(CancellationToken.None).AsTask().WaitAsync(timeout ?? Wait, TestContext.Current.CancellationToken);

    /// <summary>A port on 127.0.0.1 where nothing listens: an endpoint that is down.</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task CompleteAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var request = new FakeRequest(
            context.Request.Path,
            body.RootElement.Clone(),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        context.RequestAborted.Register(() => request.SetAborted());
        lock (_requests)
        {
            _requests.Add(request);
        }
        _arrivals.Writer.TryWrite(request);
        var reply = _script.TryDequeue(out var next) ? next : FakeReply.Text("ok");
        try
        {
            await reply.WriteAsync(context, request, $"chatcmpl-{Interlocked.Increment(ref _completions)}");
            request.SetCompleted();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            request.SetAborted();
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

/// <summary>A request the fake server got.</summary>
internal sealed class FakeRequest(string path, JsonElement body, IReadOnlyDictionary<string, string> headers)
{
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _completed;

    public string Path { get; } = path;
    public JsonElement Body { get; } = body;
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;
    public string Model => Body.GetProperty("model").GetString()!;
    public bool IncludeUsage => Body.TryGetProperty("stream_options", out var o) && o.TryGetProperty("include_usage", out var u) && u.GetBoolean();
    public IReadOnlyList<JsonElement> Messages => [.. Body.GetProperty("messages").EnumerateArray()];

    /// <summary>Each message as "role: text" (text parts joined), for compact assertions.</summary>
    public IReadOnlyList<string> Transcript => [.. Messages.Select(m => $"{m.GetProperty("role").GetString()}: {TextOf(m)}")];

    /// <summary>Completes when the client went away before the answer ended.</summary>
    public Task Aborted => _aborted.Task;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    internal void SetAborted()
    {
        if (!_completed)
        {
            _aborted.TrySetResult();
        }
    }

    internal void SetCompleted() => _completed = true;

    private static string TextOf(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return "";
        }
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Where(p => p.GetProperty("type").GetString() == "text").Select(p => p.GetProperty("text").GetString()));
    }
}
