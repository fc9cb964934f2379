using Microsoft.Extensions.Options;

namespace Parley.Hosting;

/// <summary>Checks the limits and runtime settings at start-up, naming the setting to fix.</summary>
internal sealed class ParleyOptionsValidator : IValidateOptions<ParleyOptions>
{
    public ValidateOptionsResult Validate(string? name, ParleyOptions options)
    {
        List<string> failures = [];
        var limits = options.Limits;
        if (limits.MaxMessageChars is < 1 or > 10_000_000)
        {
            failures.Add("Parley:Limits:MaxMessageChars must be between 1 and 10,000,000.");
        }
        if (limits.MaxHubMessageBytes < 4096)
        {
            failures.Add("Parley:Limits:MaxHubMessageBytes must be at least 4096.");
        }
        if (limits.HubMessagesPerMinute < 1)
        {
            failures.Add("Parley:Limits:HubMessagesPerMinute must be at least 1.");
        }
        if (limits.MaxUploadBytes < 1)
        {
            failures.Add("Parley:Limits:MaxUploadBytes must be at least 1.");
        }
        if (limits.MaxFilesPerMessage is < 1 or > 100)
        {
            failures.Add("Parley:Limits:MaxFilesPerMessage must be between 1 and 100.");
        }
        if (options.Runtime.ReconnectGracePeriod < TimeSpan.Zero)
        {
            failures.Add("Parley:Runtime:ReconnectGracePeriod must not be negative.");
        }
        if (options.Runtime.StreamFlushInterval < TimeSpan.Zero || options.Runtime.StreamFlushInterval > TimeSpan.FromSeconds(1))
        {
            failures.Add("Parley:Runtime:StreamFlushInterval must be between 0 and 1 second.");
        }
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Parley:DataDirectory must name a folder.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
