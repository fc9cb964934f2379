using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Parley.Authentication;
using Parley.Authentication.OAuth;
using Parley.Hosting;
using Parley.Protocol;

namespace Parley.Api;

/// <summary>What the web UI needs to start: the app's name, the user, limits and the antiforgery token.</summary>
internal static class ConfigEndpoint
{
    internal sealed record LimitsDto(int MaxMessageChars, long MaxUploadBytes, int MaxFilesPerMessage, IReadOnlyList<string> AcceptedTypes);
    internal sealed record AntiforgeryDto(string HeaderName, string Token);
    internal sealed record AuthDto(bool SignedIn, IReadOnlyList<string> Modes, string? LoginUrl, string? LogoutUrl, IReadOnlyList<OAuthProviderDto> Providers);
    internal sealed record ConfigDto(string AppName, UserDto? User, LimitsDto Limits, AntiforgeryDto? Antiforgery, AuthDto Auth);

    public static void Map(RouteGroupBuilder api) => api.MapGet("/config", GetAsync);

    private static async Task<IResult> GetAsync(HttpContext context, IOptions<ParleyOptions> options, IAntiforgery antiforgery, OAuthProviders oauth)
    {
        context.Response.Headers.CacheControl = "no-store";
        var parley = options.Value;
        await AnonymousSignIn.EnsureAsync(context);
        var user = await context.ParleyUserAsync();
        AntiforgeryDto? token = null;
        if (user is not null)
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            token = new AntiforgeryDto(tokens.HeaderName!, tokens.RequestToken!);
        }
        var providers = OAuthEndpoints.Describe(context, oauth);
        var modes = (parley.Auth.AllowAnonymous ? new[] { "anonymous" } : []).Concat(providers.Length > 0 ? [ParleyOAuthDefaults.AuthMode] : []).ToArray();
        return Results.Ok(new ConfigDto(
            parley.AppName,
            user is null ? null : new UserDto(user.Identifier, user.DisplayName, user.Metadata),
            new LimitsDto(parley.Limits.MaxMessageChars, parley.Limits.MaxUploadBytes, parley.Limits.MaxFilesPerMessage, FileEndpoints.AcceptedTypes),
            token,
            new AuthDto(user is not null, modes, null, null, providers)));
    }
}
