using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Runtime;

/// <summary>
/// The chat settings' values kept in the thread's metadata (<c>{"chatSettings": {id: value}}</c>),
/// so a resumed conversation continues with the settings the user chose in it (as Chainlit does).
/// Other members of the metadata are left as they are.
/// </summary>
internal static class ThreadSettings
{
    private const string Member = "chatSettings";

    /// <summary>The stored values, or none when the metadata holds no (readable) settings.</summary>
    public static Dictionary<string, JsonElement> Read(string? metadata)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(metadata))
        {
            return values;
        }
        try
        {
            using var document = JsonDocument.Parse(metadata);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(Member, out var settings)
                && settings.ValueKind == JsonValueKind.Object)
            {
                foreach (var setting in settings.EnumerateObject())
                {
                    values[setting.Name] = setting.Value.Clone();
                }
            }
        }
        catch (JsonException)
        {
            // Metadata written by something else: no settings to restore, and nothing to fail a resume over.
        }
        return values;
    }

    /// <summary><paramref name="metadata"/> with its settings replaced by <paramref name="values"/>.</summary>
    public static string Write(string? metadata, IReadOnlyDictionary<string, JsonElement> values)
    {
        JsonObject root;
        try
        {
            root = (string.IsNullOrEmpty(metadata) ? null : JsonNode.Parse(metadata) as JsonObject) ?? [];
        }
        catch (JsonException)
        {
            root = [];
        }
        var settings = new JsonObject();
        foreach (var (id, value) in values)
        {
            settings[id] = JsonNode.Parse(value.GetRawText());
        }
        root[Member] = settings;
        return root.ToJsonString();
    }
}
