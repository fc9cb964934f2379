using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Authentication.Sessions;

/// <summary>
/// The browser session scheme: ASP.NET Core's cookie handler over <see cref="DatabaseTicketStore"/>,
/// except that signing in always starts a new session.
/// </summary>
/// <remarks>
/// The stock handler, when the request already carries a valid session cookie, signs in by
/// renewing that session under the same key (dotnet/aspnetcore#22135). Whoever planted or copied
/// the pre-login cookie would then hold the signed-in session: session fixation. So sign-in here
/// ends the request's session first and signs in with a fresh handler that does not see the
/// request's cookie, which makes the ticket store issue a new key.
/// </remarks>
internal sealed class ParleySessionHandler : CookieAuthenticationHandler
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly ParleySessionManager _sessions;

    public ParleySessionHandler(IOptionsMonitor<CookieAuthenticationOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, ParleySessionManager sessions)
        : base(options, loggerFactory, encoder)
    {
        _loggerFactory = loggerFactory;
        _sessions = sessions;
    }

    protected override async Task HandleSignInAsync(ClaimsPrincipal user, AuthenticationProperties? properties)
    {
        ArgumentNullException.ThrowIfNull(user);
        var current = await HandleAuthenticateOnceSafeAsync();
        if (current.Principal?.FindFirstValue(ParleySessionDefaults.SessionIdClaimType) is { } previous)
        {
            await _sessions.RevokeByIdAsync(previous, SessionRevocationReasons.Replaced, Context.RequestAborted);
        }

        SessionCookieManager.IgnoreRequestCookie(Context);
        var fresh = new CookieAuthenticationHandler(OptionsMonitor, _loggerFactory, UrlEncoder);
        await fresh.InitializeAsync(Scheme, Context);
        await fresh.SignInAsync(user, properties);
    }
}
