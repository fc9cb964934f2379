using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Protocol;

/// <summary>
/// Keeps the C# wire types and the TypeScript ones in step: both sides read the same samples
/// (tests/contract/protocol-samples.json); the frontend's Vitest suite checks the TypeScript side.
/// </summary>
public sealed class ProtocolContractTests
{
    private static readonly JsonObject Samples = JsonNode.Parse(File.ReadAllText(Path.Combine(AppProcess.RepositoryRoot, "tests", "contract", "protocol-samples.json")))!.AsObject();

    public static TheoryData<string> ClientSamples() => [.. Samples["client"]!.AsArray().Select(n => n!.ToJsonString())];

    public static TheoryData<string> ServerSamples() => [.. Samples["server"]!.AsArray().Select(n => n!.ToJsonString())];

    [Theory]
    [MemberData(nameof(ClientSamples))]
    public void Every_client_sample_reads_into_the_csharp_union_and_writes_back_the_same(string sample)
    {
        var message = JsonSerializer.Deserialize(sample, ProtocolJsonContext.Default.ClientMessage);
        Assert.NotNull(message);
        AssertSameJson(sample, JsonSerializer.Serialize(message, ProtocolJsonContext.Default.ClientMessage));
    }

    [Theory]
    [MemberData(nameof(ServerSamples))]
    public void Every_server_sample_reads_into_the_csharp_union_and_writes_back_the_same(string sample)
    {
        var serverEvent = JsonSerializer.Deserialize(sample, ProtocolJsonContext.Default.ServerEvent);
        Assert.NotNull(serverEvent);
        AssertSameJson(sample, JsonSerializer.Serialize(serverEvent, ProtocolJsonContext.Default.ServerEvent));
    }

    [Fact]
    public void The_samples_cover_every_message_type_of_both_unions_and_no_other()
    {
        Assert.Equal(Discriminators<ClientMessage>(), TypesIn("client"));
        Assert.Equal(Discriminators<ServerEvent>(), TypesIn("server"));
    }

    [Fact]
    public void An_unknown_message_type_from_a_client_is_rejected()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"type":"become_admin"}""", ProtocolJsonContext.Default.ClientMessage));
    }

    private static SortedSet<string> Discriminators<T>() =>
        new(typeof(T).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => (string)a.TypeDiscriminator!), StringComparer.Ordinal);

    private static SortedSet<string> TypesIn(string direction) =>
        new(Samples[direction]!.AsArray().Select(n => n!["type"]!.GetValue<string>()), StringComparer.Ordinal);

    private static void AssertSameJson(string expected, string actual)
    {
        var difference = Compare(JsonNode.Parse(expected), JsonNode.Parse(actual), "$");
        Assert.True(difference is null, $"{difference}\nexpected: {expected}\nactual:   {actual}");
    }

    /// <summary>Structural equality, where two date strings are equal if they name the same instant.</summary>
    private static string? Compare(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    if (Compare(e[name], a[name], $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    return $"{path}: {e.Count} items expected, {a.Count} written";
                }
                for (var i = 0; i < e.Count; i++)
                {
                    if (Compare(e[i], a[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            case (JsonValue e, JsonValue a):
                if (e.TryGetValue<string>(out var es) && a.TryGetValue<string>(out var @as)
                    && DateTimeOffset.TryParse(es, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var ed)
                    && DateTimeOffset.TryParse(@as, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var ad)
                    && es.Contains('T'))
                {
                    return ed == ad ? null : $"{path}: {es} != {@as}";
                }
                return JsonNode.DeepEquals(e, a) ? null : $"{path}: {e.ToJsonString()} != {a.ToJsonString()}";
            default:
                return $"{path}: {expected?.ToJsonString() ?? "absent"} != {actual?.ToJsonString() ?? "absent"}";
        }
    }
}
