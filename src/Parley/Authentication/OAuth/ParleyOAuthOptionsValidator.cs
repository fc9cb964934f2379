using Microsoft.Extensions.Options;
using Parley.Authentication.TrustedHeader;

namespace Parley.Authentication.OAuth;

/// <summary>Refuses OAuth settings that would not work or would be unsafe, naming the setting to fix.</summary>
internal sealed class ParleyOAuthOptionsValidator : IValidateOptions<ParleyOAuthOptions>
{
    private const string Section = ParleyOAuthDefaults.ConfigurationSection;

    public ValidateOptionsResult Validate(string? name, ParleyOAuthOptions options)
    {
        var errors = new List<string>();
        foreach (var (id, provider) in options.Providers)
        {
            if (provider is null)
            {
                errors.Add($"{Section}:Providers:{id} has no settings.");
                continue;
            }
            OAuthPresets.Resolve(id, provider, errors);
        }

        if (options.PublicOrigin is not null && PublicOrigin.Normalize(options.PublicOrigin) is null)
        {
            errors.Add($"{Section}:PublicOrigin must be an origin such as https://chat.example.com (scheme, host and optional port; no path, query or credentials); it is '{options.PublicOrigin}'.");
        }
        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            if (!TrustedProxyList.TryParseEntry(options.TrustedProxies[i], out _, out var error))
            {
                errors.Add($"{Section}:TrustedProxies:{i} '{options.TrustedProxies[i]}' {error}.");
            }
        }
        if (options.DiscoveryRefreshInterval < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{Section}:DiscoveryRefreshInterval must be at least 00:01:00; it is {options.DiscoveryRefreshInterval}.");
        }
        if (options.KeysRefreshMinimumInterval < TimeSpan.Zero || options.KeysRefreshMinimumInterval > options.DiscoveryRefreshInterval)
        {
            errors.Add($"{Section}:KeysRefreshMinimumInterval must be between 00:00:00 and DiscoveryRefreshInterval; it is {options.KeysRefreshMinimumInterval}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
