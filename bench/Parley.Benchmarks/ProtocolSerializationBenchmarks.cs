using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Parley.Protocol;

namespace Parley.Benchmarks;

/// <summary>
/// One frame of server events: with System.Text.Json and the source-generated context alone,
/// and as SignalR writes it (JsonHubProtocol configured as AddParley does), which is what each
/// connection pays per flush.
/// </summary>
[MemoryDiagnoser]
public class ProtocolSerializationBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);
    private ServerEvent[] _frame = [];
    private JsonHubProtocol _hub = null!;

    /// <summary>
    /// reply: the events of one W1 reply (user step, running, assistant step, 100 coalesced
    /// tokens, final step, running). token: a frame of one coalesced token event (10 tokens).
    /// </summary>
    [Params("reply", "token")]
    public string Frame { get; set; } = "reply";

    [GlobalSetup]
    public void Setup()
    {
        _frame = Frame == "reply" ? Samples.ReplyFrame(tokens: 100) : [new TokenEvent(Samples.StepId, Samples.Tokens(10))];
        var options = new JsonHubProtocolOptions();
        options.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, ProtocolJsonContext.Default);
        _hub = new JsonHubProtocol(Options.Create(options));
    }

    [Benchmark(Baseline = true)]
    public int SystemTextJson()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        JsonSerializer.Serialize(writer, _frame, ProtocolJsonContext.Default.ServerEventArray);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int SignalRFrame()
    {
        _buffer.ResetWrittenCount();
        _hub.WriteMessage(new InvocationMessage("Receive", [_frame]), _buffer);
        return _buffer.WrittenCount;
    }
}
