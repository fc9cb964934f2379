using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;

// The raw baseline: what a hand-rolled chat server does with no framework. Kestrel accepts a
// WebSocket at /ws; each text message is one JSON object. {"type":"start"} is answered with
// {"type":"started"}; {"type":"user_message","content":"K"} with K token frames
// {"type":"token","text":"tok "}, one WebSocket message each, then {"type":"done","tokens":K}.
// No authentication, no persistence, no batching: the floor Parley is measured against.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.UseWebSockets();
app.Map("/ws", async context =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }
    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    await BaselineSession.RunAsync(socket, context.RequestAborted);
});
// Lets the load generator measure memory per idle session without garbage in the way.
app.MapPost("/bench/gc", () =>
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    return GC.GetTotalMemory(forceFullCollection: false).ToString(CultureInfo.InvariantCulture);
});
app.Run();

internal static class BaselineSession
{
    private const string Token = "tok ";

    public static async Task RunAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var receive = new ArrayBufferWriter<byte>(1024);
        var send = new ArrayBufferWriter<byte>(256);
        using var writer = new Utf8JsonWriter(send);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                receive.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(receive.GetMemory(1024), cancellationToken);
                    receive.Advance(result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }
                var (type, content) = Parse(receive.WrittenSpan);
                if (type == "start")
                {
                    await SendAsync(socket, send, writer, "started", null, null, cancellationToken);
                }
                else if (type == "user_message")
                {
                    var tokens = int.TryParse(content, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? Math.Clamp(k, 1, 1_000_000) : 100;
                    for (var i = 0; i < tokens; i++)
                    {
                        await SendAsync(socket, send, writer, "token", Token, null, cancellationToken);
                    }
                    await SendAsync(socket, send, writer, "done", null, tokens, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static (string? Type, string? Content) Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? type = null, content = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var isType = reader.ValueTextEquals("type"u8);
                var isContent = reader.ValueTextEquals("content"u8);
                reader.Read();
                if (isType)
                {
                    type = reader.GetString();
                }
                else if (isContent)
                {
                    content = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        return (type, content);
    }

    private static ValueTask SendAsync(WebSocket socket, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, string type, string? text, int? tokens, CancellationToken cancellationToken)
    {
        // One serialization per frame, as a server streaming real (varying) tokens must do.
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("type"u8, type);
        if (text is not null)
        {
            writer.WriteString("text"u8, text);
        }
        if (tokens is { } count)
        {
            writer.WriteNumber("tokens"u8, count);
        }
        writer.WriteEndObject();
        writer.Flush();
        return socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, cancellationToken);
    }
}
