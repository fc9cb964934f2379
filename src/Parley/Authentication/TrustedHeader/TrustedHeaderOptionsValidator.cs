using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Parley.Authentication.TrustedHeader;

/// <summary>
/// Refuses trusted-header options that would trust nobody or anybody, naming the setting to fix.
/// Runs when the options are first built and, through <c>ValidateOnStart</c>, at start-up.
/// Options of a scheme that is not registered are never used and so not checked: Parley binds
/// the section whether or not <c>Parley:Auth:Header:Enabled</c> turns the scheme on.
/// </summary>
internal sealed class TrustedHeaderOptionsValidator(IOptions<AuthenticationOptions> authentication) : IValidateOptions<TrustedHeaderOptions>
{
    private const string Section = TrustedHeaderDefaults.ConfigurationSection;

    public ValidateOptionsResult Validate(string? name, TrustedHeaderOptions options)
    {
        if (name is null || !authentication.Value.SchemeMap.ContainsKey(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        if (options.TrustedProxies.Count == 0)
        {
            errors.Add($"{Section}:TrustedProxies must list at least one proxy address or CIDR range (for example 127.0.0.1 or 10.0.0.0/8) when header authentication is enabled: the user headers are believed only from those peers.");
        }
        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            if (!TrustedProxyList.TryParseEntry(options.TrustedProxies[i], out _, out var error))
            {
                errors.Add($"{Section}:TrustedProxies:{i} ('{options.TrustedProxies[i]}') {error}.");
            }
        }

        if (!IsHeaderName(options.UserHeader))
        {
            errors.Add($"{Section}:UserHeader must be an HTTP header name; it is '{options.UserHeader}'.");
        }
        CheckOptionalHeader(options.EmailHeader, "EmailHeader", errors);
        CheckOptionalHeader(options.NameHeader, "NameHeader", errors);
        CheckOptionalHeader(options.GroupsHeader, "GroupsHeader", errors);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckOptionalHeader(string? header, string setting, List<string> errors)
    {
        if (!string.IsNullOrEmpty(header) && !IsHeaderName(header))
        {
            errors.Add($"{Section}:{setting} must be an HTTP header name, or empty for none; it is '{header}'.");
        }
    }

    // RFC 9110 token characters.
    private static bool IsHeaderName(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));
}
