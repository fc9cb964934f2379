using Microsoft.Extensions.Options;
using Parley.Authentication.TrustedHeader;
using Parley.Hosting;

namespace Parley.Authentication.Password;

/// <summary>Checks <c>Parley:Auth:Login</c> at start-up, naming the setting to fix.</summary>
internal sealed class PasswordLoginOptionsValidator : IValidateOptions<ParleyOptions>
{
    private const string Section = PasswordLoginOptions.ConfigurationSection;

    public ValidateOptionsResult Validate(string? name, ParleyOptions options)
    {
        var login = options.Auth?.Login;
        if (login is null)
        {
            return ValidateOptionsResult.Fail($"{Section} is required.");
        }
        List<string> failures = [];
        if (login.AttemptsPerAccount is < 1 or > 10_000)
        {
            failures.Add($"{Section}:AttemptsPerAccount must be between 1 and 10,000; it is {login.AttemptsPerAccount}.");
        }
        if (login.AttemptsPerClient is < 1 or > 1_000_000)
        {
            failures.Add($"{Section}:AttemptsPerClient must be between 1 and 1,000,000; it is {login.AttemptsPerClient}.");
        }
        if (login.AnonymousSessionsPerClient is < 0 or > 1_000_000)
        {
            failures.Add($"{Section}:AnonymousSessionsPerClient must be between 0 (no limit) and 1,000,000; it is {login.AnonymousSessionsPerClient}.");
        }
        if (login.Window < TimeSpan.FromSeconds(1) || login.Window > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:Window must be between 00:00:01 and 1.00:00:00; it is {login.Window}.");
        }
        for (var i = 0; i < login.TrustedProxies.Count; i++)
        {
            if (!TrustedProxyList.TryParseEntry(login.TrustedProxies[i], out _, out var error))
            {
                failures.Add($"{Section}:TrustedProxies:{i} ('{login.TrustedProxies[i]}') {error}.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
