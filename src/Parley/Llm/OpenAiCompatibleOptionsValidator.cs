using Microsoft.Extensions.Options;

namespace Parley.Llm;

/// <summary>Checks the OpenAI-compatible settings at start-up, naming the setting to fix.</summary>
internal sealed class OpenAiCompatibleOptionsValidator(string sectionPath = OpenAiCompatibleOptions.SectionName) : IValidateOptions<OpenAiCompatibleOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenAiCompatibleOptions options)
    {
        var failures = Check(options, sectionPath);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(OpenAiCompatibleOptions options, string section)
    {
        List<string> failures = [];
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            failures.Add($"{section}:BaseUrl must be an absolute http(s) URL, e.g. https://api.openai.com/v1 or http://localhost:11434/v1.");
        }
        else
        {
            if (baseUrl.UserInfo.Length > 0)
            {
                failures.Add($"{section}:BaseUrl must not hold a user name or password; put the key in {section}:ApiKey.");
            }
            if (baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0)
            {
                failures.Add($"{section}:BaseUrl must not have a query or fragment; it ends with the API version path, e.g. /v1.");
            }
            if (string.IsNullOrWhiteSpace(options.ApiKey) && NeedsKey(baseUrl))
            {
                failures.Add($"{section}:ApiKey is required for {baseUrl.Host}.");
            }
        }
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add($"{section}:Model must name the model, e.g. gpt-4o-mini or llama3.2.");
        }
        if (string.IsNullOrWhiteSpace(options.ApiKeyHeader) || !options.ApiKeyHeader.All(IsTokenChar))
        {
            failures.Add($"{section}:ApiKeyHeader must be a header name, e.g. Authorization or api-key.");
        }
        if (options.ApiKey is { } key && key.Any(char.IsControl))
        {
            failures.Add($"{section}:ApiKey must not contain line breaks or control characters.");
        }
        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:Timeout must be between 00:00:01 and 01:00:00.");
        }
        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{section}:MaxRetries must be between 0 and 10.");
        }
        if (options.Temperature is < 0 or > 2 || options.Temperature is float t && float.IsNaN(t))
        {
            failures.Add($"{section}:Temperature must be between 0 and 2.");
        }
        if (options.MaxOutputTokens is < 1)
        {
            failures.Add($"{section}:MaxOutputTokens must be at least 1.");
        }
        return failures;
    }

    private static bool NeedsKey(Uri baseUrl) =>
        baseUrl.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase)
        || baseUrl.Host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase);

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
