using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Authentication.Modes;

/// <summary>
/// Where <see cref="ParleyAuthModeSelector"/> sends requests from a foreign origin: nobody is
/// authenticated (the browser's cookies are not even read), and an endpoint that needs a user
/// answers 403, so another site's page can neither use nor probe the visitor's session.
/// </summary>
internal sealed partial class RefusedOriginHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const int MaxLoggedOriginLength = 200;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => RefuseAsync();

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => RefuseAsync();

    private Task RefuseAsync()
    {
        var origin = Request.Headers.Origin.ToString();
        if (origin.Length > MaxLoggedOriginLength)
        {
            origin = origin[..MaxLoggedOriginLength] + "…";
        }
        Log.Refused(Logger, Request.Path.Value ?? "/", origin, Request.Host.Value ?? "(no host)");
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.RequestFromRefusedOrigin, Level = LogLevel.Information,
            Message = "Refused a request to {Path} from origin {Origin}: it is neither this site ({Host}) nor in Parley:Auth:Copilot:AllowedOrigins. Behind a proxy, forward the browser's Host header.")]
        public static partial void Refused(ILogger logger, string path, string origin, string host);
    }
}
