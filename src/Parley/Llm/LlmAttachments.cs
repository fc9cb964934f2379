namespace Parley.Llm;

/// <summary>Which files of the user's messages are passed to the model.</summary>
[Flags]
public enum LlmAttachments
{
    /// <summary>None: the model is only told the names of attached files.</summary>
    None = 0,

    /// <summary>Text files (text/*, JSON, XML, CSV…), inlined as text.</summary>
    Text = 1,

    /// <summary>Images, as image content; only for models that accept images.</summary>
    Images = 2,
}
