using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Protocol;

/// <summary>Source-generated JSON metadata for the wire types; web defaults (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClientMessage))]
[JsonSerializable(typeof(ClientAck))]
[JsonSerializable(typeof(ServerEvent))]
[JsonSerializable(typeof(ServerEvent[]))]
[JsonSerializable(typeof(ThreadDetailDto))]
[JsonSerializable(typeof(ThreadPageDto))]
[JsonSerializable(typeof(UploadedFileDto))]
[JsonSerializable(typeof(IReadOnlyList<UploadedFileDto>))]
[JsonSerializable(typeof(FeedbackDto))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
