using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Parley.Authentication.Copilot;

/// <summary>
/// Refuses copilot options that would make tokens forgeable or unusable, naming the setting to fix.
/// Runs when the options are first built and, through <c>ValidateOnStart</c>, at start-up.
/// Options of a scheme that is not registered are never used and so not checked: Parley binds
/// the section whether or not <c>Parley:Auth:Copilot:Enabled</c> turns the scheme on.
/// </summary>
internal sealed class CopilotTokenOptionsValidator(IOptions<AuthenticationOptions> authentication) : IValidateOptions<CopilotTokenOptions>
{
    private const string Section = CopilotTokenDefaults.ConfigurationSection;

    public ValidateOptionsResult Validate(string? name, CopilotTokenOptions options)
    {
        if (name is null || !authentication.Value.SchemeMap.ContainsKey(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        var algorithm = options.Algorithm;
        if (!Enum.IsDefined(algorithm))
        {
            errors.Add($"{Section}:Algorithm must be HS256, RS256 or ES256.");
        }
        else if (algorithm == CopilotTokenAlgorithm.HS256)
        {
            ValidateSecret(options, errors);
        }
        else
        {
            ValidatePublicKeys(options, algorithm, errors);
        }

        if (options.MaxTokenLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:MaxTokenLifetime must be positive; it is {options.MaxTokenLifetime}.");
        }
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > CopilotTokenDefaults.MaximumClockSkew)
        {
            errors.Add($"{Section}:ClockSkew must be between 00:00:00 and {CopilotTokenDefaults.MaximumClockSkew}; it is {options.ClockSkew}.");
        }
        if (options.Issuer is not null && string.IsNullOrWhiteSpace(options.Issuer))
        {
            errors.Add($"{Section}:Issuer must not be blank; remove it to accept any issuer.");
        }
        if (options.Audience is not null && string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add($"{Section}:Audience must not be blank; remove it to accept any audience.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateSecret(CopilotTokenOptions options, List<string> errors)
    {
        var bytes = string.IsNullOrEmpty(options.Secret) ? 0 : Encoding.UTF8.GetByteCount(options.Secret);
        if (bytes < CopilotTokenDefaults.MinimumSecretBytes)
        {
            var actual = bytes == 0 ? "it is not set" : $"it has {bytes}";
            errors.Add($"{Section}:Secret must be at least {CopilotTokenDefaults.MinimumSecretBytes} bytes (UTF-8) when {Section}:Algorithm is HS256; {actual}.");
        }
        if (options.PublicKeys.Count > 0)
        {
            errors.Add($"{Section}:PublicKeys must be empty when {Section}:Algorithm is HS256; public keys are for RS256 and ES256.");
        }
    }

    private static void ValidatePublicKeys(CopilotTokenOptions options, CopilotTokenAlgorithm algorithm, List<string> errors)
    {
        if (!string.IsNullOrEmpty(options.Secret))
        {
            errors.Add($"{Section}:Secret must not be set when {Section}:Algorithm is {algorithm}; only {Section}:PublicKeys are used.");
        }
        if (options.PublicKeys.Count == 0)
        {
            errors.Add($"{Section}:PublicKeys must hold at least one PEM public key when {Section}:Algorithm is {algorithm}.");
        }
        for (var i = 0; i < options.PublicKeys.Count; i++)
        {
            using var key = CopilotPublicKeys.Load(options.PublicKeys[i], algorithm, out var error);
            if (key is null)
            {
                errors.Add($"{Section}:PublicKeys:{i} {error}.");
            }
        }
    }
}
