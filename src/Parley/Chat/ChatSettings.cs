using System.Text.Json;
using Parley.Protocol;

namespace Parley.Chat;

/// <summary>A widget of the chat settings panel. The user's values reach the handler's settings-update hook.</summary>
/// <param name="Id">The key of the value.</param>
/// <param name="Label">The label.</param>
/// <param name="Description">Help text.</param>
public abstract record ChatSetting(string Id, string Label, string? Description)
{
    internal abstract SettingsWidgetDto ToDto();

    /// <summary>The initial value as JSON.</summary>
    internal static JsonElement? Json<T>(T? value) => value is null ? null : JsonSerializer.SerializeToElement(value, JsonSerializerOptions.Web);
}

/// <summary>An on/off switch.</summary>
public sealed record SwitchSetting(string Id, string Label, bool Initial = false, string? Description = null) : ChatSetting(Id, Label, Description)
{
    internal override SettingsWidgetDto ToDto() => new(Id, "switch", Label, Description, Json(Initial));
}

/// <summary>A checkbox.</summary>
public sealed record CheckboxSetting(string Id, string Label, bool Initial = false, string? Description = null) : ChatSetting(Id, Label, Description)
{
    internal override SettingsWidgetDto ToDto() => new(Id, "checkbox", Label, Description, Json(Initial));
}

/// <summary>A slider between <paramref name="Min"/> and <paramref name="Max"/>.</summary>
public sealed record SliderSetting(string Id, string Label, double Initial, double Min, double Max, double Step = 1, string? Description = null) : ChatSetting(Id, Label, Description)
{
    internal override SettingsWidgetDto ToDto() => new(Id, "slider", Label, Description, Json(Initial), Min, Max, Step);
}

/// <summary>A number input.</summary>
public sealed record NumberSetting(string Id, string Label, double? Initial = null, double? Min = null, double? Max = null, double? Step = null, string? Description = null) : ChatSetting(Id, Label, Description)
{
    internal override SettingsWidgetDto ToDto() => new(Id, "number", Label, Description, Json(Initial), Min, Max, Step);
}

/// <summary>A text input.</summary>
public sealed record TextSetting(string Id, string Label, string? Initial = null, string? Placeholder = null, bool Multiline = false, string? Description = null) : ChatSetting(Id, Label, Description)
{
    internal override SettingsWidgetDto ToDto() => new(Id, "text", Label, Description, Json(Initial), Placeholder: Placeholder, Multiline: Multiline);
}

/// <summary>A free list of tags.</summary>
public sealed record TagsSetting(string Id, string Label, IReadOnlyList<string>? Initial = null, string? Placeholder = null, string? Description = null) : ChatSetting(Id, Label, Description)
{
    internal override SettingsWidgetDto ToDto() => new(Id, "tags", Label, Description, Json(Initial ?? []), Placeholder: Placeholder);
}

/// <summary>A choice of one value from a list.</summary>
public sealed record SelectSetting(string Id, string Label, IReadOnlyList<SettingOption> Options, string? Initial = null, string? Description = null) : ChatSetting(Id, Label, Description)
{
    internal override SettingsWidgetDto ToDto() => new(Id, "select", Label, Description, Json(Initial), Options: SettingOption.ToDtos(Options));
}

/// <summary>A choice of several values from a list.</summary>
public sealed record MultiSelectSetting(string Id, string Label, IReadOnlyList<SettingOption> Options, IReadOnlyList<string>? Initial = null, string? Description = null) : ChatSetting(Id, Label, Description)
{
    internal override SettingsWidgetDto ToDto() => new(Id, "multiselect", Label, Description, Json(Initial ?? []), Options: SettingOption.ToDtos(Options));
}

/// <summary>A choice of one value from radio buttons.</summary>
public sealed record RadioSetting(string Id, string Label, IReadOnlyList<SettingOption> Options, string? Initial = null, string? Description = null) : ChatSetting(Id, Label, Description)
{
    internal override SettingsWidgetDto ToDto() => new(Id, "radio", Label, Description, Json(Initial), Options: SettingOption.ToDtos(Options));
}

/// <summary>A date (sent as yyyy-MM-dd).</summary>
public sealed record DateSetting(string Id, string Label, DateOnly? Initial = null, string? Description = null) : ChatSetting(Id, Label, Description)
{
    internal override SettingsWidgetDto ToDto() => new(Id, "date", Label, Description, Json(Initial?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>A choice of a select, multi-select or radio widget.</summary>
/// <param name="Value">The value sent to the handler.</param>
/// <param name="Label">The text shown.</param>
public sealed record SettingOption(string Value, string Label)
{
    internal static IReadOnlyList<SettingsOptionDto> ToDtos(IReadOnlyList<SettingOption> options) =>
        [.. options.Select(o => new SettingsOptionDto(o.Value, o.Label))];
}

/// <summary>The current values of the chat settings panel.</summary>
public sealed class ChatSettingsValues
{
    internal ChatSettingsValues(IReadOnlyDictionary<string, JsonElement> values) => Values = values;

    /// <summary>The raw values, by setting id.</summary>
    public IReadOnlyDictionary<string, JsonElement> Values { get; }

    /// <summary>The value of a setting as <typeparamref name="T"/>, or <paramref name="fallback"/> when absent or not convertible.</summary>
    public T? Get<T>(string id, T? fallback = default)
    {
        if (!Values.TryGetValue(id, out var value))
        {
            return fallback;
        }
        try
        {
            return value.Deserialize<T>(JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return fallback;
        }
    }
}
