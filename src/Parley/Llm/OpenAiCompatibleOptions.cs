namespace Parley.Llm;

/// <summary>
/// An OpenAI-compatible chat endpoint (<c>POST {BaseUrl}/chat/completions</c> with server-sent
/// events): OpenAI, Azure OpenAI's v1 endpoint, Ollama, vLLM, llama.cpp's server, LM Studio…
/// Bound from <c>Parley:Llm</c> and validated at start-up.
/// </summary>
public sealed class OpenAiCompatibleOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Parley:Llm";

    /// <summary>The API's base URL, up to and including <c>/v1</c>. Default: <c>https://api.openai.com/v1</c>.</summary>
    public string BaseUrl { get; set; } = "https://api.openai.com/v1";

    /// <summary>The API key; required by OpenAI and Azure, usually not by local servers (then no key is sent).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The header the key goes in: <c>Authorization</c> (as <c>Bearer key</c>, the default) or a plain header such as Azure's <c>api-key</c>.</summary>
    public string ApiKeyHeader { get; set; } = "Authorization";

    /// <summary>The model (or Azure deployment) name, e.g. <c>gpt-4o-mini</c> or <c>llama3.2</c>.</summary>
    public string? Model { get; set; }

    /// <summary>The OpenAI organization id, sent as <c>OpenAI-Organization</c>.</summary>
    public string? Organization { get; set; }

    /// <summary>The OpenAI project id, sent as <c>OpenAI-Project</c>.</summary>
    public string? Project { get; set; }

    /// <summary>How long to wait for the answer to start, and then between two pieces of it. Default: 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How often a failed call (429, 5xx, network error) is retried before the error is shown. Default: 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The sampling temperature (0–2) when the request does not set one.</summary>
    public float? Temperature { get; set; }

    /// <summary>The most tokens of an answer when the request does not set a limit.</summary>
    public int? MaxOutputTokens { get; set; }
}
