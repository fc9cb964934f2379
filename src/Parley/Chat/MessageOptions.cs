namespace Parley.Chat;

/// <summary>Optional parts of a message the handler sends.</summary>
public sealed record MessageOptions
{
    /// <summary>The author shown. Default: "Assistant".</summary>
    public string Author { get; init; } = "Assistant";

    /// <summary>Elements attached to the message.</summary>
    public IReadOnlyList<Element> Elements { get; init; } = [];

    /// <summary>Action buttons under the message.</summary>
    public IReadOnlyList<ChatAction> Actions { get; init; } = [];

    /// <summary>Render the content as code in this language.</summary>
    public string? Language { get; init; }

    /// <summary>Nest the message under this step.</summary>
    public StepHandle? Parent { get; init; }
}
