using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Hosting;
using Parley.Runtime;

namespace Parley.Authentication;

/// <summary>
/// With no sign-in configured, each browser gets its own anonymous user, held in the
/// HttpOnly session cookie: history is private to that browser, as in Chainlit without auth.
/// </summary>
internal static class AnonymousSignIn
{
    public static async Task EnsureAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<ParleyOptions>>().Value;
        if (!options.Auth.AllowAnonymous)
        {
            return;
        }
        var result = await context.AuthenticateAsync(ParleyAuthenticationDefaults.Scheme);
        if (result.Succeeded)
        {
            return;
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "anonymous:" + Ids.New()), new Claim(ClaimTypes.Name, "Guest")],
            ParleyAuthenticationDefaults.SessionScheme);
        var principal = new ClaimsPrincipal(identity);
        await context.SignInAsync(ParleyAuthenticationDefaults.SessionScheme, principal, new AuthenticationProperties { IsPersistent = true });
        context.User = principal;
    }
}
