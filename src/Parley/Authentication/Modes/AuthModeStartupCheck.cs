using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Parley.Authentication.Copilot;
using Parley.Hosting;

namespace Parley.Authentication.Modes;

/// <summary>
/// A placeholder options type whose start-up validation (<see cref="AuthModeStartupValidator"/>)
/// checks the modes against the registered authentication schemes. It is separate from
/// <see cref="ParleyOptions"/> because the schemes are themselves built from <see cref="ParleyOptions"/>.
/// </summary>
internal sealed class AuthModeStartupCheck;

/// <summary>Checks at start-up that the enabled modes fit the app's authentication, naming the setting to fix.</summary>
internal sealed class AuthModeStartupValidator(IOptions<ParleyOptions> parley, IOptions<AuthenticationOptions> authentication)
    : IValidateOptions<AuthModeStartupCheck>
{
    public ValidateOptionsResult Validate(string? name, AuthModeStartupCheck options)
    {
        List<string> failures = [];
        var auth = parley.Value.Auth;
        var schemes = authentication.Value.SchemeMap;

        if (auth.Copilot.AllowedOrigins.Count > 0 && !schemes.ContainsKey(CopilotTokenDefaults.AuthenticationScheme))
        {
            failures.Add("Parley:Auth:Copilot:AllowedOrigins is set but copilot tokens are off: requests from other sites are authenticated by copilot token only. Set Parley:Auth:Copilot:Enabled to true (with its Secret or PublicKeys), or remove the origins.");
        }

        if (auth.HostApp.Enabled)
        {
            var hostSchemes = ParleyAuthModes.ResolveHostSchemes(auth.HostApp, authentication.Value);
            if (hostSchemes.Count == 0)
            {
                failures.Add("Parley:Auth:HostApp:Schemes must name the host app's authentication scheme(s) when Parley:Auth:HostApp:Enabled is true: the app sets no default authenticate scheme (as AddAuthentication(\"Cookies\") would).");
            }
            foreach (var scheme in hostSchemes)
            {
                if (ParleyAuthModes.IsParleyScheme(scheme))
                {
                    failures.Add($"Parley:Auth:HostApp:Schemes names '{scheme}', one of Parley's own schemes; name the host app's scheme (for example \"Cookies\"). If that is the app's default scheme, list the host's scheme explicitly.");
                }
                else if (!schemes.ContainsKey(scheme))
                {
                    failures.Add($"Parley:Auth:HostApp:Schemes names '{scheme}', which is not a registered authentication scheme (registered: {string.Join(", ", schemes.Keys.Where(s => !ParleyAuthModes.IsParleyScheme(s)))}).");
                }
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
