namespace Parley.Assistant;

/// <summary>
/// Which model a chat uses. With <c>Parley:Llm:Models</c> set, users choose among those models
/// (and the default <c>Parley:Llm:Model</c>), whether through the chat's model select or an
/// assistant's model: the operator pays for the calls, so a name the list does not offer is never
/// sent. Without a list, an assistant may name any model the endpoint serves.
/// </summary>
internal static class AssistantModels
{
    /// <summary>The models the chat's select offers: the default first when the list lacks it; empty when no list is configured.</summary>
    public static IReadOnlyList<string> Offered(IConfiguration configuration)
    {
        string[] listed = [.. (configuration.GetSection("Parley:Llm:Models").Get<string[]>() ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct(StringComparer.Ordinal)];
        if (listed.Length == 0)
        {
            return [];
        }
        return Default(configuration) is { } model && !listed.Contains(model, StringComparer.Ordinal) ? [model, .. listed] : listed;
    }

    /// <summary>Why an assistant cannot use <paramref name="model"/>, or null when it can.</summary>
    public static string? Problem(IConfiguration configuration, string? model)
    {
        var offered = Offered(configuration);
        return model is null || offered.Count == 0 || offered.Contains(model, StringComparer.Ordinal) ? null : $"The model must be one of: {string.Join(", ", offered)}.";
    }

    /// <summary>The model for a chat with <paramref name="assistant"/>: the one picked in the select, else the assistant's, else the default (null: the client's own).</summary>
    public static string? Choose(IConfiguration configuration, string? picked, AssistantDefinition assistant)
    {
        var offered = Offered(configuration);
        if (picked is not null && offered.Contains(picked, StringComparer.Ordinal))
        {
            return picked;
        }
        // Checked again here: the list may have changed since the assistant was saved.
        if (assistant.Model is { } own && (offered.Count == 0 || offered.Contains(own, StringComparer.Ordinal)))
        {
            return own;
        }
        return Default(configuration) ?? (offered.Count > 0 ? offered[0] : null);
    }

    private static string? Default(IConfiguration configuration) =>
        configuration["Parley:Llm:Model"] is { } model && !string.IsNullOrWhiteSpace(model) ? model : null;
}
