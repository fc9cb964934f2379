using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.LoadTest;

/// <summary>
/// A session against the raw baseline (bench/Parley.BaselineServer): one JSON object per
/// WebSocket message; start, then a message answered by K token frames and a done frame.
/// </summary>
internal sealed class BaselineClient(Transport transport) : SessionClient
{
    private bool _started;

    public override async Task ConnectAsync(CancellationToken cancellationToken)
    {
        Socket.Options.KeepAliveInterval = TimeSpan.Zero;
        var ws = new UriBuilder(new Uri(transport.BaseAddress, "ws")) { Scheme = "ws" }.Uri;
        await Socket.ConnectAsync(ws, transport.WebSockets, cancellationToken);
        await SendAsync("{\"type\":\"start\"}"u8.ToArray(), cancellationToken);
        await ReceiveUntilAsync(() => _started, cancellationToken);
        StartReceiving();
    }

    protected override Task SendUserMessageAsync(int number, int tokens, CancellationToken cancellationToken) =>
        SendAsync(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"user_message\",\"clientId\":\"m{number}\",\"content\":\"{tokens}\"}}")), cancellationToken);

    protected override int OnReceived(ReadOnlySpan<byte> data, bool endOfMessage)
    {
        if (!endOfMessage)
        {
            return 0;
        }
        Frames++;
        string? type = null, text = null;
        var tokens = -1;
        var reader = new Utf8JsonReader(data);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetString();
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                text = reader.GetString();
            }
            else if (reader.ValueTextEquals("tokens"u8))
            {
                reader.Read();
                tokens = reader.GetInt32();
            }
        }
        var probe = Probe;
        switch (type)
        {
            case "started":
                _started = true;
                break;
            case "token" when probe is not null:
                probe.OnToken(text?.Length ?? 0);
                break;
            case "done" when probe is not null:
                probe.Last = Stopwatch.GetTimestamp();
                probe.FinalChars = (long)tokens * TokenText.Length;
                probe.Complete();
                break;
        }
        return data.Length;
    }
}
