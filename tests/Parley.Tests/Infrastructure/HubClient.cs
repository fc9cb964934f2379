using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Parley.Protocol;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// A minimal SignalR JSON-protocol client over a real WebSocket (the .NET SignalR client is not
/// in the package source): negotiate, handshake, invocations with completions, and the
/// server's Receive batches.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket;
    private readonly Channel<ServerEvent> _events = Channel.CreateUnbounded<ServerEvent>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ServerEvent> _seen = [];
    private Task _receiveLoop = Task.CompletedTask;
    private int _invocationId;

    private HubClient(ClientWebSocket socket) => _socket = socket;

    /// <summary>Frames (Receive invocations) received so far.</summary>
    public int FrameCount;

    /// <summary>The error of the server's close message, if it closed the connection.</summary>
    public string? CloseError { get; private set; }

    /// <summary>Whether the connection is closed.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Every event received so far, in order.</summary>
    public IReadOnlyList<ServerEvent> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>
    /// Negotiates and opens the WebSocket. With <paramref name="queryAccessToken"/>, behaves like
    /// SignalR's JavaScript client given an access token: <c>Authorization: Bearer</c> on negotiate,
    /// <c>access_token</c> in the WebSocket URL (a browser cannot set headers there).
    /// </summary>
    public static async Task<HubClient> ConnectAsync(Uri hubUrl, IReadOnlyDictionary<string, string> headers, string? origin = null, CancellationToken cancellationToken = default, string? queryAccessToken = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DefaultWait);
        using var http = new HttpClient();
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, new Uri(hubUrl + "/negotiate?negotiateVersion=1"));
        foreach (var (name, value) in headers)
        {
            negotiate.Headers.TryAddWithoutValidation(name, value);
        }
        if (origin is not null)
        {
            negotiate.Headers.TryAddWithoutValidation("Origin", origin);
        }
        if (queryAccessToken is not null)
        {
            negotiate.Headers.TryAddWithoutValidation("Authorization", "Bearer " + queryAccessToken);
        }
        using var response = await http.SendAsync(negotiate, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HubConnectException((int)response.StatusCode);
        }
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
        var token = body.GetProperty("connectionToken").GetString()!;

        var socket = new ClientWebSocket();
        foreach (var (name, value) in headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        var query = "id=" + Uri.EscapeDataString(token) + (queryAccessToken is null ? "" : "&access_token=" + Uri.EscapeDataString(queryAccessToken));
        var wsUrl = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme == "https" ? "wss" : "ws", Query = query }.Uri;
        await socket.ConnectAsync(wsUrl, timeout.Token);
        var client = new HubClient(socket);
        await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}", timeout.Token);
        var handshake = await client.ReadRecordsAsync(timeout.Token);
        if (handshake.Count == 0 || handshake[0] != "{}")
        {
            throw new InvalidOperationException("Handshake failed: " + string.Join(" | ", handshake));
        }
        foreach (var record in handshake.Skip(1))
        {
            client.Dispatch(record);
        }
        client._receiveLoop = Task.Run(client.ReceiveLoopAsync);
        return client;
    }

    /// <summary>Invokes the hub's Send with a client message and returns its acknowledgement.</summary>
    public async Task<ClientAck> SendAsync(ClientMessage message, TimeSpan? timeout = null)
    {
        var result = await InvokeAsync("Send", [JsonSerializer.SerializeToElement(message, ProtocolJsonContext.Default.ClientMessage)], timeout);
        return result.Deserialize(ProtocolJsonContext.Default.ClientAck)!;
    }

    /// <summary>Invokes any hub method with raw JSON arguments.</summary>
    public async Task<JsonElement> InvokeAsync(string target, JsonElement[] arguments, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref _invocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        var frame = JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments });
        await SendRawAsync(frame, _stop.Token);
        return await completion.Task.WaitAsync(timeout ?? DefaultWait);
    }

    /// <summary>Sends a raw text frame (for oversized or malformed input tests).</summary>
    public async Task SendRawAsync(string record, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(record + RecordSeparator);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Waits for the next event of type <typeparamref name="T"/> that matches, skipping others.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null) where T : ServerEvent
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(cts.Token);
                if (next is T typed && (match is null || match(typed)))
                {
                    return typed;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {typeof(T).Name} arrived in time. Seen: {string.Join(", ", Seen.Select(e => e.GetType().Name))}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The connection closed ({CloseError ?? "no error"}) before a {typeof(T).Name} arrived.");
        }
    }

    /// <summary>Waits until the server closes the connection.</summary>
    public async Task WaitForCloseAsync(TimeSpan? timeout = null) => await _receiveLoop.WaitAsync(timeout ?? DefaultWait);

    /// <summary>Drops the connection without a close handshake, like a network failure.</summary>
    public void Abort() => _socket.Abort();

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var records = await ReadRecordsAsync(_stop.Token);
                if (records.Count == 0)
                {
                    break;
                }
                foreach (var record in records)
                {
                    Dispatch(record);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed or aborted.
        }
        finally
        {
            IsClosed = true;
            _events.Writer.TryComplete();
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("The connection closed."));
            }
        }
    }

    private void Dispatch(string record)
    {
        using var document = JsonDocument.Parse(record);
        var root = document.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1 when root.GetProperty("target").GetString() == "Receive":
                Interlocked.Increment(ref FrameCount);
                var events = root.GetProperty("arguments")[0].Deserialize(ProtocolJsonContext.Default.ServerEventArray)!;
                lock (_seen)
                {
                    _seen.AddRange(events);
                }
                foreach (var e in events)
                {
                    _events.Writer.TryWrite(e);
                }
                break;
            case 3:
                var id = root.GetProperty("invocationId").GetString()!;
                if (_pending.TryRemove(id, out var completion))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        completion.TrySetException(new InvalidOperationException("Hub error: " + error.GetString()));
                    }
                    else
                    {
                        completion.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                    }
                }
                break;
            case 7:
                CloseError = root.TryGetProperty("error", out var closeError) ? closeError.GetString() : null;
                break;
        }
    }

    private readonly StringBuilder _partial = new();

    private async Task<List<string>> ReadRecordsAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return [];
                }
                _partial.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var text = _partial.ToString();
                var last = text.LastIndexOf(RecordSeparator);
                if (last < 0)
                {
                    continue;
                }
                _partial.Clear().Append(text[(last + 1)..]);
                return [.. text[..last].Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries)];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Already gone.
            }
        }
        _socket.Dispose();
        try
        {
            await _receiveLoop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }
    }
}

/// <summary>Negotiation was refused with an HTTP status.</summary>
internal sealed class HubConnectException(int status) : Exception($"Negotiate failed with HTTP {status}.")
{
    public int Status { get; } = status;
}
