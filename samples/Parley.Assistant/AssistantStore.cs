using System.Globalization;
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
    public const int MaxModelLength = 100;

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

    // A user's assistants are one stored list: a change reads it, edits it and writes it back.
    // UpdateAsync writes only if nobody changed the list in between (two tabs, a script, another
    // instance) and otherwise edits the new list again, so no change is lost.

    /// <summary>Replaces the user's assistant of the same name, or adds it; false when that would make more than <see cref="MaxAssistants"/>.</summary>
    public async Task<bool> SaveAsync(string userId, AssistantDefinition assistant, CancellationToken cancellationToken)
    {
        var saved = false;
        await settings.UpdateAsync<List<AssistantDefinition>>(userId, Key, stored =>
        {
            List<AssistantDefinition> all = stored is { Count: > 0 } ? [.. stored] : [Default];
            var index = all.FindIndex(a => a.Name == assistant.Name);
            saved = index >= 0 || all.Count < MaxAssistants;
            if (!saved)
            {
                return null;
            }
            if (index >= 0)
            {
                all[index] = assistant;
            }
            else
            {
                all.Add(assistant);
            }
            return all;
        }, cancellationToken);
        return saved;
    }

    /// <summary>Deletes the user's assistant called <paramref name="name"/>; false when there is none.</summary>
    public async Task<bool> DeleteAsync(string userId, string name, CancellationToken cancellationToken)
    {
        var deleted = false;
        await settings.UpdateAsync<List<AssistantDefinition>>(userId, Key, stored =>
        {
            List<AssistantDefinition> all = stored is { Count: > 0 } ? [.. stored] : [Default];
            deleted = all.RemoveAll(a => a.Name == name) > 0;
            return deleted ? all : null;
        }, cancellationToken);
        return deleted;
    }

    /// <summary>Why the assistant cannot be saved, or null when it can.</summary>
    public static string? Validate(AssistantDefinition assistant) =>
        NameProblem(assistant.Name)
        ?? (assistant.Instructions is null || assistant.Instructions.Length > MaxInstructionsLength ? $"Instructions are limited to {MaxInstructionsLength} characters." : null)
        ?? (assistant.Model is { Length: > MaxModelLength } ? $"A model name is limited to {MaxModelLength} characters." : null);

    private static string? NameProblem(string name)
    {
        // The name is the chat profile the user picks from a list: it needs something to show.
        if (name.Length > MaxNameLength || name.All(c => char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            return $"A name of 1 to {MaxNameLength} characters is required.";
        }
        if (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1]))
        {
            return "A name cannot start or end with a space.";
        }
        if (name.Any(char.IsControl))
        {
            return "A name cannot hold line breaks or other control characters.";
        }
        // The name is a URL segment. ASP.NET Core leaves an encoded slash encoded in route values,
        // so "a/b" would arrive (and be saved) as "a%2Fb", which is also what a literal "a%2Fb" looks like.
        if (name.Contains('/') || name.Contains("%2F", StringComparison.OrdinalIgnoreCase))
        {
            return "A name cannot hold a /.";
        }
        return null;
    }
}
