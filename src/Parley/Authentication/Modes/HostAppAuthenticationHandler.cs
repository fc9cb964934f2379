using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Hosting;

namespace Parley.Authentication.Modes;

/// <summary>
/// Host-app mode: authenticates with the host app's own schemes, in order, and takes the first
/// principal one of them produces. The web UI is challenged by the host's first scheme (its
/// sign-in page, typically); the API and hub answer 401, since a redirect to an HTML form is of no
/// use to a script.
/// </summary>
/// <remarks>
/// The host's principal is passed on unchanged; <see cref="IParleyUserMapper"/> turns it into a
/// Parley user. Nothing is signed in or stored by Parley.
/// </remarks>
internal sealed class HostAppAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ParleyAuthModes modes)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        AuthenticateResult? failure = null;
        foreach (var scheme in modes.HostAppSchemes)
        {
            var result = await Context.AuthenticateAsync(scheme);
            if (result.Succeeded)
            {
                return AuthenticateResult.Success(new AuthenticationTicket(result.Principal, result.Properties, Scheme.Name));
            }
            if (result.Failure is not null)
            {
                failure ??= result;
            }
        }
        return failure ?? AuthenticateResult.NoResult();
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsApiOrHub() || modes.HostAppSchemes.Count == 0)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }
        return Context.ChallengeAsync(modes.HostAppSchemes[0], properties);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (IsApiOrHub() || modes.HostAppSchemes.Count == 0)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        return Context.ForbidAsync(modes.HostAppSchemes[0], properties);
    }

    private bool IsApiOrHub() => Context.GetEndpoint()?.Metadata.GetMetadata<ParleyEndpointMetadata>() is not null;
}
