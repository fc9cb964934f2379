using Parley.Data;

namespace Parley.Assistant;

/// <summary>Each user's assistants, stored in Parley's per-user settings; a user who has none gets the built-in one.</summary>
internal sealed class AssistantStore(IUserSettingsStore settings)
{
    private const string Key = "assistant:assistants";

    public static readonly AssistantDefinition Default = new(
        "Assistant", "You are a helpful assistant. Answer concisely and use Markdown where it helps.");

    public const int MaxAssistants = 50;
    public const int MaxNameLength = 60;
    public const int MaxInstructionsLength = 8000;

    public async Task<IReadOnlyList<AssistantDefinition>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var saved = await settings.GetAsync<List<AssistantDefinition>>(userId, Key, cancellationToken);
        return saved is { Count: > 0 } ? saved : [Default];
    }

    public async Task<AssistantDefinition?> FindAsync(string userId, string? name, CancellationToken cancellationToken)
    {
        var all = await ListAsync(userId, cancellationToken);
        return all.FirstOrDefault(a => a.Name == name) ?? all[0];
    }

    public Task SaveAllAsync(string userId, IReadOnlyList<AssistantDefinition> assistants, CancellationToken cancellationToken) =>
        settings.SetAsync(userId, Key, assistants, cancellationToken);

    /// <summary>Why the assistant cannot be saved, or null when it can.</summary>
    public static string? Validate(AssistantDefinition assistant) =>
        string.IsNullOrWhiteSpace(assistant.Name) || assistant.Name.Length > MaxNameLength ? $"A name of 1 to {MaxNameLength} characters is required."
        : assistant.Instructions is null || assistant.Instructions.Length > MaxInstructionsLength ? $"Instructions are limited to {MaxInstructionsLength} characters."
        : null;
}
