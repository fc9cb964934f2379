using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Authentication;
using Parley.Authentication.Accounts;
using Parley.Authentication.Modes;
using Parley.Authentication.OAuth;
using Parley.Hosting;
using Parley.Protocol;

namespace Parley.Api;

/// <summary>What the web UI needs to start: the app's name, the user, limits and the antiforgery token.</summary>
internal static class ConfigEndpoint
{
    internal sealed record LimitsDto(int MaxMessageChars, long MaxUploadBytes, int MaxFilesPerMessage, IReadOnlyList<string> AcceptedTypes);
    internal sealed record AntiforgeryDto(string HeaderName, string Token);
    internal sealed record AuthDto(bool SignedIn, IReadOnlyList<string> Modes, string Registration, string? LoginUrl, string? LogoutUrl, bool IsAdmin, IReadOnlyList<OAuthProviderDto> Providers, bool SetupRequired);
    internal sealed record ConfigDto(string AppName, UserDto? User, LimitsDto Limits, AntiforgeryDto? Antiforgery, AuthDto Auth);

    public static void Map(RouteGroupBuilder api) => api.MapGet("/config", GetAsync);

    private static async Task<IResult> GetAsync(HttpContext context, IOptions<ParleyOptions> options, OAuthProviders oauth)
    {
        context.Response.Headers.CacheControl = "no-store";
        var parley = options.Value;
        if (await AnonymousSignIn.EnsureAsync(context) is { } wait)
        {
            return ParleyHttp.TooManyRequests(context, wait, "Too many new guests",
                "This address started too many guest sessions recently. Wait, or keep the cookie the first answer set.");
        }
        var user = await context.ParleyUserAsync();
        AntiforgeryDto? token = null;
        // A copilot client authenticates with a token its script attaches: it needs no antiforgery
        // token and gets no cookie. Everyone else gets one, signed in or not: signing in is a state
        // change that needs it (login CSRF).
        if (!ParleyAuthModes.IsBearerPrincipal(context.User))
        {
            var tokens = context.IssueAntiforgeryTokens();
            token = new AntiforgeryDto(tokens.HeaderName!, tokens.RequestToken!);
        }
        List<string> modes = [.. context.RequestServices.GetRequiredService<ParleyAuthModes>().Names, .. AuthEndpoints.Modes(context.RequestServices)];
        var accounts = parley.Auth.Accounts;
        var registration = accounts.Enabled ? accounts.Registration.ToString().ToLowerInvariant() : "closed";
        var authBase = context.AppUrlBase() + "/api/auth";
        var passwordSignIn = modes.Contains("password") || modes.Contains("accounts");
        var isAdmin = user is not null && await context.RequestServices.GetRequiredService<AccountService>().IsAdminAsync(user.Id, context.RequestAborted);
        var providers = OAuthEndpoints.Describe(context, oauth);
        if (providers.Length > 0)
        {
            modes.Add(ParleyOAuthDefaults.AuthMode);
        }
        // Only whether setup is pending is public, never the code: the page then asks for the link.
        var setupRequired = await context.RequestServices.GetRequiredService<FirstRunSetup>().IsPendingAsync(context.RequestAborted);
        return Results.Ok(new ConfigDto(
            parley.AppName,
            user is null ? null : new UserDto(user.Identifier, user.DisplayName, user.Metadata),
            new LimitsDto(parley.Limits.MaxMessageChars, parley.Limits.MaxUploadBytes, parley.Limits.MaxFilesPerMessage, FileEndpoints.AcceptedTypes),
            token,
            new AuthDto(user is not null, modes, registration, passwordSignIn ? authBase + "/login" : null, authBase + "/logout", isAdmin, providers, setupRequired)));
    }
}
