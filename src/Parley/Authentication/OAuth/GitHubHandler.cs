using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Authentication.OAuth;

/// <summary>
/// GitHub, which speaks plain OAuth 2.0: the identity is the numeric user id from
/// <c>GET /user</c> (logins can be renamed and reused), the email the primary one from
/// <c>GET /user/emails</c>, and verified only when GitHub says so.
/// </summary>
internal sealed class GitHubHandler(
    IOptionsMonitor<OAuthProviderHandlerOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OAuthSignIn signIn)
    : ParleyOAuthHandler(options, logger, encoder, signIn)
{
    protected override string AuthorizationEndpoint => Options.AuthorizationEndpoint;

    protected override string TokenEndpoint => Options.TokenEndpoint;

    protected override bool UseClientSecretPost => true;

    protected override async Task<ExternalIdentity> ReadIdentityAsync(AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        using var user = await GetAsync("/user", tokens.AccessToken!, array: false);
        var root = user.RootElement;
        if (!root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var number) || number <= 0)
        {
            throw new OAuthSignInException(OAuthFailure.UserApiFailed, "the user has no numeric id");
        }
        var claims = root.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);

        string? email = null;
        var verified = false;
        try
        {
            using var emails = await GetAsync("/user/emails", tokens.AccessToken!, array: true);
            var primary = emails.RootElement.EnumerateArray()
                .FirstOrDefault(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("primary", out var p) && p.ValueKind == JsonValueKind.True);
            if (primary.ValueKind == JsonValueKind.Object && primary.String("email") is { } address && ClaimValueRules.IsValidEmail(address))
            {
                email = address;
                verified = primary.TryGetProperty("verified", out var v) && v.ValueKind == JsonValueKind.True;
            }
        }
        catch (OAuthSignInException)
        {
            // Without the user:email scope the emails API refuses; the user simply has no email.
        }

        var name = root.String("name") is { } n && ClaimValueRules.IsValidDisplayName(n.Trim()) ? n.Trim()
            : root.String("login") is { } login && ClaimValueRules.IsValidDisplayName(login) ? login : null;
        var avatar = root.String("avatar_url");
        return new ExternalIdentity
        {
            Issuer = Provider.Authority,
            Subject = number.ToString(CultureInfo.InvariantCulture),
            Email = email,
            EmailVerified = verified,
            Name = name,
            Picture = avatar is not null && Uri.TryCreate(avatar, UriKind.Absolute, out var uri) && uri.Scheme == "https" ? avatar : null,
            Claims = claims,
        };
    }

    private async Task<JsonDocument> GetAsync(string path, string accessToken, bool array)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Provider.ApiUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        return await BoundedJson.SendAsync(Backchannel, request, OAuthFailure.UserApiFailed, Context.RequestAborted, array: array);
    }
}
