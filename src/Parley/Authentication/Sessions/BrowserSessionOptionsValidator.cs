using Microsoft.Extensions.Options;
using Parley.Hosting;

namespace Parley.Authentication.Sessions;

/// <summary>Checks <c>Parley:Auth:Session</c> at start-up, naming the setting to fix.</summary>
internal sealed class BrowserSessionOptionsValidator : IValidateOptions<ParleyOptions>
{
    private const string Section = ParleySessionDefaults.ConfigurationSection;

    // Browsers cap a cookie's lifetime at 400 days; a longer session could not be carried.
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(400);

    public ValidateOptionsResult Validate(string? name, ParleyOptions options)
    {
        var session = options.Auth?.Session;
        if (session is null)
        {
            return ValidateOptionsResult.Fail($"{Section} is required.");
        }
        List<string> failures = [];
        if (session.IdleTimeout < TimeSpan.FromMinutes(1) || session.IdleTimeout > MaxLifetime)
        {
            failures.Add($"{Section}:IdleTimeout must be between 00:01:00 and 400.00:00:00; it is {session.IdleTimeout}.");
        }
        if (session.AbsoluteTimeout < TimeSpan.FromMinutes(1) || session.AbsoluteTimeout > MaxLifetime)
        {
            failures.Add($"{Section}:AbsoluteTimeout must be between 00:01:00 and 400.00:00:00; it is {session.AbsoluteTimeout}.");
        }
        if (session.RevalidationInterval < TimeSpan.FromSeconds(1) || session.RevalidationInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:RevalidationInterval must be between 00:00:01 and 00:05:00; it is {session.RevalidationInterval}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
