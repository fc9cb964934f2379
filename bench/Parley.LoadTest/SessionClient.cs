using System.Diagnostics;
using System.Net.WebSockets;

namespace Parley.LoadTest;

/// <summary>
/// One chat session over one WebSocket: a receive loop that hands whole messages to the
/// protocol, and one message in flight at a time (both servers refuse or queue a second one).
/// </summary>
internal abstract class SessionClient : IAsyncDisposable
{
    /// <summary>The token both servers stream (Parley.BenchServer and Parley.BaselineServer).</summary>
    public const string TokenText = "tok ";

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private byte[] _buffer = new byte[4096];
    private int _buffered;
    private Task _receiveLoop = Task.CompletedTask;
    private MessageProbe? _probe;
    private int _messageNumber;

    protected ClientWebSocket Socket { get; } = new();

    /// <summary>When this client last sent anything (Stopwatch ticks), for keep-alives.</summary>
    public long LastSent;

    /// <summary>Frames of events received: SignalR Receive invocations (Parley), WebSocket messages (baseline).</summary>
    public long Frames;

    /// <summary>Set when the connection failed or the server closed it.</summary>
    public string? Failure { get; protected set; }

    public bool IsOpen => Socket.State == WebSocketState.Open && Failure is null;

    /// <summary>Connects, authenticates where the server needs it, and starts a chat.</summary>
    public abstract Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Sends a message asking for <paramref name="tokens"/> tokens and waits for the whole reply.</summary>
    public async Task<MessageOutcome> SendMessageAsync(int tokens, CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            return MessageOutcome.Failed(Failure ?? "connection closed");
        }
        var probe = new MessageProbe(tokens);
        Volatile.Write(ref _probe, probe);
        var number = Interlocked.Increment(ref _messageNumber);
        probe.Start = Stopwatch.GetTimestamp();
        try
        {
            await SendUserMessageAsync(number, tokens, cancellationToken);
            await probe.Done.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return MessageOutcome.Failed("timeout");
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or ObjectDisposedException)
        {
            return MessageOutcome.Failed("send: " + ex.GetType().Name);
        }
        finally
        {
            Volatile.Write(ref _probe, null);
        }
        return probe.ToOutcome();
    }

    /// <summary>Sends something that keeps an idle connection alive, if the protocol needs it.</summary>
    public virtual Task KeepAliveAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract Task SendUserMessageAsync(int number, int tokens, CancellationToken cancellationToken);

    /// <summary>Handles what arrived; returns how many bytes it consumed (the rest waits for more).</summary>
    protected abstract int OnReceived(ReadOnlySpan<byte> data, bool endOfMessage);

    protected MessageProbe? Probe => Volatile.Read(ref _probe);

    protected void StartReceiving() => _receiveLoop = Task.Run(ReceiveLoopAsync);

    protected async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await Socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken);
            LastSent = Stopwatch.GetTimestamp();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads until <paramref name="done"/> says the connection is set up (handshakes), before the loop starts.</summary>
    protected async Task ReceiveUntilAsync(Func<bool> done, CancellationToken cancellationToken)
    {
        while (!done())
        {
            if (!await ReceiveOnceAsync(cancellationToken))
            {
                throw new WebSocketException("The server closed the connection during set-up.");
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            // Bounded by the socket: it ends when the server closes or the client is disposed.
            while (await ReceiveOnceAsync(CancellationToken.None))
            {
            }
            Fail("closed by server");
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            Fail("receive: " + ex.GetType().Name);
        }
    }

    private async Task<bool> ReceiveOnceAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Length - _buffered < 4096)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var result = await Socket.ReceiveAsync(_buffer.AsMemory(_buffered), cancellationToken);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            return false;
        }
        _buffered += result.Count;
        var consumed = OnReceived(_buffer.AsSpan(0, _buffered), result.EndOfMessage);
        if (consumed > 0)
        {
            Buffer.BlockCopy(_buffer, consumed, _buffer, 0, _buffered - consumed);
            _buffered -= consumed;
        }
        return true;
    }

    protected void Fail(string error)
    {
        Failure ??= error;
        Probe?.Complete(error);
    }

    public async ValueTask DisposeAsync()
    {
        // Abort, not a close handshake: thousands of sessions end at once and nothing is measured any more.
        Socket.Abort();
        Socket.Dispose();
        try
        {
            await _receiveLoop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is TimeoutException or WebSocketException or ObjectDisposedException)
        {
        }
    }
}
