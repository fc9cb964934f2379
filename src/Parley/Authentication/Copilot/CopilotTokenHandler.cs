using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Parley.Authentication.Modes;

namespace Parley.Authentication.Copilot;

/// <summary>
/// Authenticates requests that carry a copilot token (<c>Authorization: Bearer &lt;jwt&gt;</c>)
/// minted by the host site's backend. It never signs in and never sets a cookie: every request
/// must carry its token.
/// </summary>
/// <remarks>
/// On a Parley hub's WebSocket or server-sent-events request, where a browser cannot send the
/// header, the token is the <c>access_token</c> query parameter, which Parley removed from the URL
/// before anything logged it (see <see cref="HubAccessToken"/>). The ticket expires with the token,
/// so a hub connection is closed when its token expires.
/// </remarks>
internal sealed partial class CopilotTokenHandler(
    IOptionsMonitor<CopilotTokenOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<CopilotTokenOptions>(options, logger, encoder)
{
    // The same words for every failure: the reason goes to the log and the events, never to the client.
    private const string FailureMessage = "The copilot token was rejected.";
    private const string BearerPrefix = "Bearer ";

    private new CopilotTokenEvents Events => (CopilotTokenEvents)base.Events!;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new CopilotTokenEvents());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var received = new CopilotMessageReceivedContext(Context, Scheme, Options);
        string? queryToken = null;
        if (!Request.Headers.ContainsKey(HeaderNames.Authorization) && HubAccessToken.TryGet(Context, out queryToken))
        {
            if (queryToken is null)
            {
                return await FailAsync(CopilotTokenFailure.Malformed);
            }
            received.Token = queryToken;
        }
        await Events.MessageReceived(received);
        if (received.Result is not null)
        {
            return received.Result;
        }

        var token = received.Token;
        if (string.IsNullOrEmpty(token))
        {
            var authorization = Request.Headers.Authorization;
            if (authorization.Count > 1)
            {
                return await FailAsync(CopilotTokenFailure.Malformed);
            }
            token = ReadBearerToken(authorization);
            if (token is null)
            {
                return AuthenticateResult.NoResult();
            }
        }

        var validation = Options.TokenValidator.Validate(token, TimeProvider.GetUtcNow());
        if (validation.Failure is { } failure)
        {
            return await FailAsync(failure);
        }

        var identity = validation.Identity!;
        var validated = new CopilotTokenValidatedContext(Context, Scheme, Options, CreatePrincipal(identity), identity.Payload);
        await Events.TokenValidated(validated);
        if (validated.Result is not null)
        {
            if (!validated.Result.Succeeded)
            {
                Log.TokenRejectedByApplication(Logger, Scheme.Name);
            }
            return validated.Result;
        }
        if (validated.Principal is null)
        {
            Log.TokenRejectedByApplication(Logger, Scheme.Name);
            return AuthenticateResult.Fail(FailureMessage);
        }

        // A hub connection outlives the request that opened it: SignalR closes it when this passes.
        validated.Properties.ExpiresUtc ??= identity.Expires;
        validated.Success();
        Log.TokenAccepted(Logger, Scheme.Name);
        return validated.Result!;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(
            HeaderNames.WWWAuthenticate,
            result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"");
    }

    private async Task<AuthenticateResult> FailAsync(CopilotTokenFailure failure)
    {
        Log.TokenRejected(Logger, Scheme.Name, failure);
        var failed = new CopilotAuthenticationFailedContext(Context, Scheme, Options, failure);
        await Events.AuthenticationFailed(failed);
        return failed.Result ?? AuthenticateResult.Fail(FailureMessage);
    }

    private static string? ReadBearerToken(StringValues authorization)
    {
        var value = authorization.Count == 1 ? authorization[0] : null;
        if (value is null || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = value[BearerPrefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private ClaimsPrincipal CreatePrincipal(CopilotTokenIdentity identity)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, identity.Identifier, ClaimValueTypes.String, ClaimsIssuer),
            new(ParleyClaimTypes.AuthMode, CopilotTokenDefaults.AuthMode, ClaimValueTypes.String, ClaimsIssuer),
        };
        if (identity.DisplayName is not null)
        {
            claims.Add(new Claim(ClaimTypes.Name, identity.DisplayName, ClaimValueTypes.String, ClaimsIssuer));
        }
        if (identity.Email is not null)
        {
            claims.Add(new Claim(ClaimTypes.Email, identity.Email, ClaimValueTypes.String, ClaimsIssuer));
        }
        if (identity.MetadataJson is not null)
        {
            claims.Add(new Claim(ParleyClaimTypes.Metadata, identity.MetadataJson, ClaimValueTypes.String, ClaimsIssuer));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.CopilotTokenRejected, Level = LogLevel.Information,
            Message = "{AuthenticationScheme} rejected a copilot token: {Failure}.")]
        public static partial void TokenRejected(ILogger logger, string authenticationScheme, CopilotTokenFailure failure);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.CopilotTokenAccepted, Level = LogLevel.Debug,
            Message = "{AuthenticationScheme} accepted a copilot token.")]
        public static partial void TokenAccepted(ILogger logger, string authenticationScheme);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.CopilotTokenRejectedByApplication, Level = LogLevel.Information,
            Message = "{AuthenticationScheme} accepted a copilot token but the application's OnTokenValidated rejected it.")]
        public static partial void TokenRejectedByApplication(ILogger logger, string authenticationScheme);
    }
}
