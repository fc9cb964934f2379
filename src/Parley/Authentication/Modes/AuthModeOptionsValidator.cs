using Microsoft.Extensions.Options;
using Parley.Hosting;

namespace Parley.Authentication.Modes;

/// <summary>Checks the mode settings of <c>Parley:Auth</c> that need nothing but themselves, naming the setting to fix.</summary>
internal sealed class AuthModeOptionsValidator : IValidateOptions<ParleyOptions>
{
    private static readonly TimeSpan ShortestSignedUrlLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestSignedUrlLifetime = TimeSpan.FromHours(24);

    public ValidateOptionsResult Validate(string? name, ParleyOptions options)
    {
        List<string> failures = [];
        var copilot = options.Auth.Copilot;
        for (var i = 0; i < copilot.AllowedOrigins.Count; i++)
        {
            if (!OriginPolicy.TryNormalize(copilot.AllowedOrigins[i], out _, out var error))
            {
                failures.Add($"Parley:Auth:Copilot:AllowedOrigins:{i} ('{copilot.AllowedOrigins[i]}') {error}.");
            }
        }
        if (copilot.SignedUrlLifetime < ShortestSignedUrlLifetime || copilot.SignedUrlLifetime > LongestSignedUrlLifetime)
        {
            failures.Add($"Parley:Auth:Copilot:SignedUrlLifetime must be between {ShortestSignedUrlLifetime} and {LongestSignedUrlLifetime}; it is {copilot.SignedUrlLifetime}.");
        }
        var hostSchemes = options.Auth.HostApp.Schemes;
        for (var i = 0; i < hostSchemes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(hostSchemes[i]))
            {
                failures.Add($"Parley:Auth:HostApp:Schemes:{i} is empty; name one of the host's authentication schemes.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
