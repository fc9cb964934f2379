using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Api;

namespace Parley.Authentication.OAuth;

/// <summary>
/// The OAuth endpoints of a mapped app, under <c>{app}/api/auth/oauth</c>: the provider list, the
/// start of a sign-in, each provider's callback, linking a provider to the signed-in account, and
/// signing out (with RP-initiated logout at the provider).
/// </summary>
internal static partial class OAuthEndpoints
{
    /// <summary>Maps the public endpoints on <paramref name="publicApi"/> and the signed-in ones on <paramref name="api"/>.</summary>
    public static void Map(RouteGroupBuilder publicApi, RouteGroupBuilder api)
    {
        var open = publicApi.MapGroup("/auth/oauth");
        open.MapGet("/providers", (HttpContext context, OAuthProviders providers) =>
            Results.Json(Describe(context, providers), OAuthJsonContext.Default.OAuthProviderDtoArray));
        open.MapGet("/{provider}/start", StartAsync);
        open.MapGet("/{provider}/callback", CallbackAsync).WithMetadata(new OAuthCallbackMetadata());

        var signedIn = api.MapGroup("/auth/oauth");
        signedIn.MapPost("/{provider}/link", LinkAsync);
        signedIn.MapPost("/logout", LogoutAsync);
    }

    /// <summary>The sign-in buttons of the app the request came through.</summary>
    public static OAuthProviderDto[] Describe(HttpContext context, OAuthProviders providers) =>
        providers.All.Select(p => new OAuthProviderDto(p.Id, p.DisplayName, $"{context.AppUrlBase()}/api/auth/oauth/{p.Id}/start")).ToArray();

    private static async Task<IResult> StartAsync(HttpContext context, string provider, string? returnUrl, OAuthProviders providers, PublicOrigin origin, ILogger<OAuthProviders> logger)
    {
        context.Response.Headers.CacheControl = "no-store";
        var appHome = context.AppUrlBase() + "/";
        if (returnUrl is not null && !ReturnUrls.IsLocal(returnUrl))
        {
            return ParleyHttp.BadRequest("returnUrl must be a path on this site, such as /chat/.");
        }
        var properties = new AuthenticationProperties { RedirectUri = returnUrl ?? appHome };
        return await ChallengeAsync(context, provider, providers, origin, logger, properties) ?? Results.Empty;
    }

    private static async Task<IResult> LinkAsync(HttpContext context, string provider, OAuthProviders providers, PublicOrigin origin, ILogger<OAuthProviders> logger)
    {
        var user = await context.ParleyUserAsync();
        if (user is null || user.Identifier.StartsWith("anonymous:", StringComparison.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Sign in first",
                detail: "Linking a provider needs a signed-in account.");
        }
        var properties = new AuthenticationProperties { RedirectUri = context.AppUrlBase() + "/" };
        properties.Items[ParleyOAuthHandler.LinkUserKey] = user.Id;
        return await ChallengeAsync(context, provider, providers, origin, logger, properties) ?? Results.Empty;
    }

    private static async Task<IResult?> ChallengeAsync(HttpContext context, string id, OAuthProviders providers, PublicOrigin origin,
        ILogger logger, AuthenticationProperties properties)
    {
        if (providers.Find(id) is not { } provider)
        {
            return ParleyHttp.NotFound("sign-in provider");
        }
        if (origin.Resolve(context) is not { } publicOrigin)
        {
            Log.OriginRefused(logger, context.Request.Host.Value ?? "");
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown public origin",
                detail: $"Set {ParleyOAuthDefaults.ConfigurationSection}:PublicOrigin to the URL users reach this site at; callback URLs are never built on the Host header.");
        }
        properties.Items[ParleyOAuthHandler.RedirectUriKey] = $"{publicOrigin}{context.AppUrlBase()}/api/auth/oauth/{provider.Id}/callback";
        try
        {
            await context.ChallengeAsync(provider.SchemeName, properties);
            return null;
        }
        catch (OAuthSignInException ex)
        {
            Log.StartFailed(logger, provider.Id, ex.Failure, ex.Message);
            return properties.Items.ContainsKey(ParleyOAuthHandler.LinkUserKey)
                ? TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The sign-in provider is unavailable")
                : Results.Redirect(QueryHelpers.AddQueryString(context.AppUrlBase() + "/", "auth_error", "provider_unavailable"));
        }
    }

    /// <summary>
    /// Runs the provider's callback when the authentication middleware did not (it runs it first
    /// when routing comes before it, as in a default WebApplication).
    /// </summary>
    private static async Task<IResult> CallbackAsync(HttpContext context, string provider, OAuthProviders providers, IAuthenticationHandlerProvider handlers)
    {
        if (providers.Find(provider) is { } known
            && await handlers.GetHandlerAsync(context, known.SchemeName) is IAuthenticationRequestHandler handler
            && await handler.HandleRequestAsync())
        {
            return Results.Empty;
        }
        return ParleyHttp.NotFound("sign-in provider");
    }

    /// <summary>
    /// Ends the session and, when the user signed in through a provider that offers RP-initiated
    /// logout, answers the provider's logout URL for the browser to visit.
    /// </summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, OAuthProviders providers, OidcConfigurationCache configurations,
        IOptionsMonitor<OAuthProviderHandlerOptions> handlerOptions, PublicOrigin origin, ILogger<OAuthProviders> logger)
    {
        var session = await context.AuthenticateAsync(ParleyAuthenticationDefaults.SessionScheme);
        await context.SignOutAsync(ParleyAuthenticationDefaults.SessionScheme);
        string? redirect = null;
        if (session.Succeeded
            && providers.Find(session.Principal.FindFirst(ParleyOAuthDefaults.ProviderClaim)?.Value ?? "") is { IsOpenIdConnect: true, SignOutAtProvider: true } provider)
        {
            redirect = await ProviderLogoutUrlAsync(context, provider, configurations, handlerOptions, session.Properties?.GetTokenValue("id_token"), origin);
        }
        Log.SignedOut(logger, redirect is not null);
        return Results.Json(new OAuthRedirect(redirect), OAuthJsonContext.Default.OAuthRedirect);
    }

    /// <summary>The provider's end_session_endpoint with id_token_hint, client_id and post_logout_redirect_uri (the app's home), or null.</summary>
    private static async Task<string?> ProviderLogoutUrlAsync(HttpContext context, OAuthProvider provider, OidcConfigurationCache configurations,
        IOptionsMonitor<OAuthProviderHandlerOptions> handlerOptions, string? idToken, PublicOrigin origin)
    {
        OidcConfiguration configuration;
        try
        {
            configuration = await configurations.GetAsync(provider, handlerOptions.Get(provider.SchemeName).Backchannel, context.RequestAborted);
        }
        catch (OAuthSignInException)
        {
            return null;
        }
        if (configuration.EndSessionEndpoint is not { } endSession)
        {
            return null;
        }
        var parameters = new Dictionary<string, string?> { ["client_id"] = provider.ClientId };
        if (idToken is not null)
        {
            parameters["id_token_hint"] = idToken;
        }
        if (origin.Resolve(context) is { } publicOrigin)
        {
            parameters["post_logout_redirect_uri"] = $"{publicOrigin}{context.AppUrlBase()}/";
        }
        return QueryHelpers.AddQueryString(endSession, parameters);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.OAuthOriginRefused, Level = LogLevel.Warning,
            Message = "Refused to start an OAuth sign-in: the callback URL cannot be built for Host '{Host}'. Set Parley:Auth:OAuth:PublicOrigin, or TrustedProxies for a reverse proxy.")]
        public static partial void OriginRefused(ILogger logger, string host);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.OAuthSignInFailed, Level = LogLevel.Warning,
            Message = "Could not start a sign-in through OAuth provider {Provider}: {Failure} ({Detail}).")]
        public static partial void StartFailed(ILogger logger, string provider, OAuthFailure failure, string detail);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.OAuthSignedOut, Level = LogLevel.Information,
            Message = "Signed out (sign-out at the provider: {AtProvider}).")]
        public static partial void SignedOut(ILogger logger, bool atProvider);
    }
}
