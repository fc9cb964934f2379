using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Authentication.OAuth;

/// <summary>
/// OpenID Connect on top of <see cref="ParleyOAuthHandler"/>: endpoints from the discovery
/// document, a nonce bound to the state, the ID token validated (signature against the provider's
/// keys, <c>iss</c>, <c>aud</c>/<c>azp</c>, <c>exp</c>/<c>iat</c>/<c>nbf</c>, <c>nonce</c>,
/// algorithm allowlist), then userinfo, whose <c>sub</c> must match.
/// </summary>
internal sealed class OidcHandler(
    IOptionsMonitor<OAuthProviderHandlerOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OAuthSignIn signIn,
    OidcConfigurationCache configurations)
    : ParleyOAuthHandler(options, logger, encoder, signIn)
{
    /// <summary>The properties item holding the nonce sent with the authorization request.</summary>
    internal const string NonceKey = "parley.nonce";

    /// <summary>Claims about the token itself: userinfo may not override them.</summary>
    private static readonly HashSet<string> TokenClaims = ["iss", "sub", "aud", "exp", "iat", "nbf", "nonce", "azp", "auth_time", "acr", "amr", "sid", "jti", "at_hash", "c_hash"];

    private OidcConfiguration? _configuration;

    private OidcConfiguration Configuration => _configuration ?? throw new InvalidOperationException("The discovery document is not loaded.");

    protected override string AuthorizationEndpoint => Configuration.AuthorizationEndpoint;

    protected override string TokenEndpoint => Configuration.TokenEndpoint;

    protected override bool UseClientSecretPost => Configuration.UseClientSecretPost;

    protected override async Task PrepareAsync() =>
        _configuration ??= await configurations.GetAsync(Provider, Backchannel, Context.RequestAborted);

    protected override void AddAuthorizationParameters(AuthenticationProperties properties, IDictionary<string, string?> parameters)
    {
        var nonce = RandomValue();
        properties.Items[NonceKey] = nonce;
        parameters["nonce"] = nonce;
    }

    /// <summary>RFC 9207: a provider that announces <c>iss</c> in authorization responses must send its own.</summary>
    protected override void CheckAuthorizationResponse()
    {
        var iss = Request.Query["iss"];
        if (iss.Count > 1 || (iss.Count == 1 && iss[0] != Configuration.Issuer) || (iss.Count == 0 && Configuration.IssuerInAuthorizationResponse))
        {
            throw new OAuthSignInException(OAuthFailure.ResponseIssuerMismatch, $"iss '{Printable(iss.Count == 1 ? iss[0] : null)}'");
        }
    }

    protected override async Task<ExternalIdentity> ReadIdentityAsync(AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        var text = tokens.Response?.RootElement.String("id_token");
        if (string.IsNullOrEmpty(text))
        {
            throw new OAuthSignInException(OAuthFailure.MissingIdToken);
        }
        if (!properties.Items.TryGetValue(NonceKey, out var nonce) || nonce is null)
        {
            throw new OAuthSignInException(OAuthFailure.InvalidNonce, "the state holds no nonce");
        }

        using var idToken = IdToken.Parse(text, Provider.AllowedAlgorithms);
        await VerifySignatureAsync(idToken);
        var expected = new IdTokenExpectations(Configuration.Issuer, Provider.IssuerAliases, Provider.ClientId, nonce, Provider.ClockSkew, Provider.Claims.Subject);
        var subject = idToken.CheckClaims(expected, TimeProvider.GetUtcNow());

        var claims = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var claim in idToken.Payload.RootElement.EnumerateObject())
        {
            claims[claim.Name] = claim.Value.Clone();
        }
        if (Provider.UseUserInfo && Configuration.UserInfoEndpoint is { } userInfo)
        {
            await AddUserInfoAsync(claims, userInfo, tokens.AccessToken!, idToken.Payload.RootElement.String("sub"));
        }
        return ExternalIdentity.From(Configuration.Issuer, subject, claims, Provider.Claims, text);
    }

    /// <summary>
    /// Verifies with the keys that match the token's <c>kid</c> and algorithm. When none does, the
    /// keys are fetched again (rate-limited): the provider may have rotated to a new key.
    /// </summary>
    private async Task VerifySignatureAsync(IdToken token)
    {
        var candidates = Candidates(Configuration, token);
        if (candidates.Count == 0 && await configurations.RefreshKeysAsync(Provider, Backchannel, Configuration, Context.RequestAborted) is { } refreshed)
        {
            _configuration = refreshed;
            candidates = Candidates(refreshed, token);
        }
        if (candidates.Count == 0)
        {
            throw new OAuthSignInException(OAuthFailure.UnknownSigningKey, $"kid '{Printable(token.KeyId)}', alg {token.Algorithm}");
        }
        if (!candidates.Any(token.IsSignedBy))
        {
            throw new OAuthSignInException(OAuthFailure.InvalidSignature);
        }
    }

    private static List<SigningKey> Candidates(OidcConfiguration configuration, IdToken token) =>
        configuration.Keys.Where(key => key.Fits(token.Algorithm) && (token.KeyId is null || key.KeyId == token.KeyId)).ToList();

    /// <summary>Adds the userinfo claims (OpenID Connect Core 5.3), which must be about the ID token's subject.</summary>
    private async Task AddUserInfoAsync(Dictionary<string, JsonElement> claims, string endpoint, string accessToken, string? subject)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var document = await BoundedJson.SendAsync(Backchannel, request, OAuthFailure.UserInfoFailed, Context.RequestAborted);
        var userInfo = document.RootElement;
        if (subject is null || userInfo.String("sub") != subject)
        {
            throw new OAuthSignInException(OAuthFailure.UserInfoFailed, "the userinfo sub is not the ID token's");
        }
        // An email and its verification status must come from the same answer.
        if (userInfo.TryGetProperty(Provider.Claims.Email, out _))
        {
            claims.Remove(Provider.Claims.EmailVerified);
        }
        foreach (var claim in userInfo.EnumerateObject().Where(c => !TokenClaims.Contains(c.Name)))
        {
            claims[claim.Name] = claim.Value.Clone();
        }
    }
}
