namespace Parley.Assistant;

/// <summary>An assistant a user set up: a name (its chat profile), instructions (the system prompt) and a model.</summary>
/// <param name="Name">Unique per user; shown as the chat profile.</param>
/// <param name="Instructions">The system prompt.</param>
/// <param name="Model">The model it uses by default; null for <c>Parley:Llm:Model</c>.</param>
public sealed record AssistantDefinition(string Name, string Instructions, string? Model = null);
