using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Parley.LoadTest;

/// <summary>
/// A browser's session against Parley, speaking SignalR's JSON protocol over a raw WebSocket
/// (the .NET SignalR client is not in the package source; see tests/Parley.Tests/Infrastructure/HubClient.cs):
/// GET api/config for the anonymous session cookie (each session is its own signed-in user),
/// negotiate, WebSocket with the cookie, handshake, then <c>Send({"type":"start"})</c> until
/// <c>chat_started</c> and the <c>running:false</c> that ends the chat-start hook (a message sent
/// while a hook runs is refused as busy, in the browser too). A message is timed from its <c>Send</c> to the first <c>token</c> event
/// of the reply (TTFT) and to the reply's final <c>step</c> with streaming false (TTLT); the next
/// message goes after <c>running:false</c>.
/// </summary>
internal sealed class ParleyClient(Transport transport) : SessionClient
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _chatStarted;
    private bool _handshakeDone;
    private bool _finalSeen;

    public override async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var baseAddress = transport.BaseAddress;

        using var config = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "api/config"));
        using var configResponse = await transport.Http.SendAsync(config, cancellationToken);
        configResponse.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", (configResponse.Headers.TryGetValues("Set-Cookie", out var setCookies) ? setCookies : [])
            .Select(c => c.Split(';', 2)[0]));
        if (!cookie.Contains(".parley.session=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("api/config set no session cookie; is anonymous sign-in allowed?");
        }

        using var negotiate = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "hub/negotiate?negotiateVersion=1"));
        negotiate.Headers.TryAddWithoutValidation("Cookie", cookie);
        using var negotiateResponse = await transport.Http.SendAsync(negotiate, cancellationToken);
        negotiateResponse.EnsureSuccessStatusCode();
        var body = await negotiateResponse.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var token = body.GetProperty("connectionToken").GetString()!;

        Socket.Options.SetRequestHeader("Cookie", cookie);
        Socket.Options.KeepAliveInterval = TimeSpan.Zero;
        var ws = new UriBuilder(new Uri(baseAddress, "hub")) { Scheme = "ws", Query = "id=" + Uri.EscapeDataString(token) }.Uri;
        await Socket.ConnectAsync(ws, transport.WebSockets, cancellationToken);
        await SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), cancellationToken);
        await ReceiveUntilAsync(() => _handshakeDone, cancellationToken);
        StartReceiving();
        await SendAsync(Invocation(0, "{\"type\":\"start\"}"), cancellationToken);
        await _started.Task.WaitAsync(cancellationToken);
    }

    public override Task KeepAliveAsync(CancellationToken cancellationToken) => SendAsync(Ping, cancellationToken);

    protected override Task SendUserMessageAsync(int number, int tokens, CancellationToken cancellationToken)
    {
        _finalSeen = false;
        var message = string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"user_message\",\"clientId\":\"m{number}\",\"content\":\"{tokens}\"}}");
        return SendAsync(Invocation(number, message), cancellationToken);
    }

    private static byte[] Invocation(int id, string clientMessage) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"Send\",\"arguments\":[{clientMessage}]}}\u001e"));

    protected override int OnReceived(ReadOnlySpan<byte> data, bool endOfMessage)
    {
        var consumed = 0;
        int end;
        while ((end = data[consumed..].IndexOf(RecordSeparator)) >= 0)
        {
            OnRecord(data.Slice(consumed, end));
            consumed += end + 1;
        }
        return consumed;
    }

    private void OnRecord(ReadOnlySpan<byte> record)
    {
        if (!_handshakeDone)
        {
            _handshakeDone = true;
            if (!record.SequenceEqual("{}"u8))
            {
                Fail("handshake: " + Encoding.UTF8.GetString(record));
            }
            return;
        }
        var reader = new Utf8JsonReader(record);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1 when root.GetProperty("target").ValueEquals("Receive"u8):
                Frames++;
                foreach (var e in root.GetProperty("arguments")[0].EnumerateArray())
                {
                    OnEvent(e);
                }
                break;
            case 3:
                // The ClientAck of a Send.
                if (root.TryGetProperty("error", out var error))
                {
                    Probe?.Complete("hub error: " + error.GetString());
                }
                else if (root.TryGetProperty("result", out var ack) && !ack.GetProperty("ok").GetBoolean())
                {
                    var code = ack.TryGetProperty("code", out var c) ? c.GetString() : "?";
                    if (root.GetProperty("invocationId").ValueEquals("0"u8))
                    {
                        Fail("start refused: " + code);
                    }
                    Probe?.Complete("refused: " + code);
                }
                break;
            case 7:
                Fail("closed by server: " + (root.TryGetProperty("error", out var closeError) ? closeError.GetString() : "no error"));
                break;
        }
    }

    private void OnEvent(JsonElement e)
    {
        var probe = Probe;
        var type = e.GetProperty("type");
        if (type.ValueEquals("token"u8))
        {
            if (probe is not null && (probe.StepId is null || e.GetProperty("stepId").ValueEquals(probe.StepId)))
            {
                probe.OnToken(e.GetProperty("text").GetString()!.Length);
            }
        }
        else if (type.ValueEquals("step"u8))
        {
            var step = e.GetProperty("step");
            if (probe is null || !step.GetProperty("type").ValueEquals("assistant_message"u8))
            {
                return;
            }
            if (step.GetProperty("streaming").GetBoolean())
            {
                probe.StepId ??= step.GetProperty("id").GetString();
            }
            else if (probe.StepId is null || step.GetProperty("id").ValueEquals(probe.StepId))
            {
                probe.Last = Stopwatch.GetTimestamp();
                probe.FinalChars = step.GetProperty("output").GetString()!.Length;
                _finalSeen = true;
            }
        }
        else if (type.ValueEquals("running"u8))
        {
            if (e.GetProperty("running").GetBoolean())
            {
                return;
            }
            if (probe is not null)
            {
                probe.Complete(_finalSeen ? null : "no final step");
            }
            else if (_chatStarted)
            {
                _started.TrySetResult();
            }
        }
        else if (type.ValueEquals("chat_started"u8))
        {
            _chatStarted = true;
        }
        else if (type.ValueEquals("error"u8))
        {
            probe?.Complete("error event: " + e.GetProperty("code").GetString());
        }
    }
}
