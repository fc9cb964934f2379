using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Authentication.Modes;
using Parley.Authentication.Password;
using Parley.Authentication.Sessions;
using Parley.Hosting;
using Parley.Runtime;

namespace Parley.Authentication;

/// <summary>
/// With no sign-in configured, each browser gets its own anonymous user, held in the
/// HttpOnly session cookie: history is private to that browser, as in Chainlit without auth.
/// </summary>
internal static class AnonymousSignIn
{
    /// <summary>
    /// Authenticates the request with Parley's scheme (public endpoints are not behind the
    /// authorization policy, which would do it) and, if nobody is signed in and anonymous use is
    /// allowed, signs in a new anonymous user. Returns how long to wait when the client has made
    /// too many anonymous users lately (nobody is signed in then), otherwise null.
    /// </summary>
    public static async Task<TimeSpan?> EnsureAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(ParleyAuthenticationDefaults.Scheme);
        if (result.Succeeded)
        {
            context.User = result.Principal;
            return null;
        }
        var options = context.RequestServices.GetRequiredService<IOptions<ParleyOptions>>().Value;
        // Not when the request would be authenticated by anything but the session cookie (a token,
        // a proxy, the host app, a foreign origin), nor in a mode that signs in only known users.
        if (!options.Auth.AllowAnonymous || !context.RequestServices.GetRequiredService<ParleyAuthModeSelector>().MayUseAnonymousSession(context))
        {
            return null;
        }
        // Every anonymous user is a session row (and a user row once it chats): without a limit,
        // a script sending requests without cookies could grow the database without end.
        var login = options.Auth.Login;
        var client = ClientAddress.Bucket(context.RequestServices.GetRequiredService<ClientAddress>().Of(context));
        if (login.AnonymousSessionsPerClient > 0
            && await context.RequestServices.GetRequiredService<ILoginThrottle>().AcquireAsync(
                "anonymous:client:" + client, login.AnonymousSessionsPerClient, login.Window, context.RequestAborted) is { } wait)
        {
            return wait;
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "anonymous:" + Ids.New()), new Claim(ClaimTypes.Name, "Guest")],
            ParleyAuthenticationDefaults.SessionScheme);
        var principal = new ClaimsPrincipal(identity);
        await context.SignInAsync(ParleyAuthenticationDefaults.SessionScheme, principal, new AuthenticationProperties { IsPersistent = true });
        context.User = principal;
        return null;
    }
}
