using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Api;

namespace Parley.Authentication.OAuth;

/// <summary>
/// What every provider shares, on ASP.NET Core's <see cref="OAuthHandler{TOptions}"/>: the state
/// (data-protected <see cref="AuthenticationProperties"/>) and its correlation cookie, PKCE (S256),
/// the authorization code exchange, and the callback, which ends in a Parley session or in a
/// redirect to the app with an error code. Derived handlers say where the endpoints are and read
/// the user's identity from the token response.
/// </summary>
/// <remarks>
/// Challenges come only from Parley's start and link endpoints, which put the callback URL (built
/// on the public origin, never on the Host header) in the properties; it travels inside the
/// protected state, so the code exchange sends exactly the redirect_uri of the authorization request.
/// </remarks>
internal abstract partial class ParleyOAuthHandler(
    IOptionsMonitor<OAuthProviderHandlerOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OAuthSignIn signIn)
    : OAuthHandler<OAuthProviderHandlerOptions>(options, logger, encoder)
{
    /// <summary>The properties item holding the callback URL sent as redirect_uri.</summary>
    internal const string RedirectUriKey = "parley.redirect_uri";

    /// <summary>The properties item holding, for a link, the Parley user id that started it.</summary>
    internal const string LinkUserKey = "parley.link_user";

    private ExternalIdentity? _identity;

    protected OAuthProvider Provider => Options.Provider;

    protected abstract string AuthorizationEndpoint { get; }

    protected abstract string TokenEndpoint { get; }

    /// <summary>Whether the client secret goes in the form body (client_secret_post) rather than HTTP Basic.</summary>
    protected abstract bool UseClientSecretPost { get; }

    /// <summary>Loads what the endpoints need (OpenID Connect: the discovery document), on challenge and on callback.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>Adds protocol parameters to the authorization request (OpenID Connect: the nonce, also kept in the state).</summary>
    protected virtual void AddAuthorizationParameters(AuthenticationProperties properties, IDictionary<string, string?> parameters)
    {
    }

    /// <summary>Checks the authorization response beyond state and code (OpenID Connect: its <c>iss</c>).</summary>
    protected virtual void CheckAuthorizationResponse()
    {
    }

    /// <summary>Validates what the provider returned and reads the identity, or throws <see cref="OAuthSignInException"/>.</summary>
    protected abstract Task<ExternalIdentity> ReadIdentityAsync(AuthenticationProperties properties, OAuthTokenResponse tokens);

    /// <summary>The callback is Parley's callback endpoint of this provider, in whichever app it is mapped.</summary>
    public override Task<bool> ShouldHandleRequestAsync() =>
        Task.FromResult(
            HttpMethods.IsGet(Request.Method)
            && Context.GetEndpoint()?.Metadata.GetMetadata<OAuthCallbackMetadata>() is not null
            && string.Equals(Context.GetRouteValue("provider") as string, Provider.Id, StringComparison.Ordinal));

    /// <summary>Handles the callback: the identity is validated, then signed in (or linked), or the browser is sent back with an error code.</summary>
    public override async Task<bool> HandleRequestAsync()
    {
        if (!await ShouldHandleRequestAsync())
        {
            return false;
        }
        Response.Headers.CacheControl = "no-store";
        try
        {
            var result = await HandleRemoteAuthenticateAsync();
            await signIn.CompleteAsync(Context, Provider, _identity!, result.Properties!);
        }
        catch (OAuthSignInException ex)
        {
            Log.SignInFailed(Logger, Provider.Id, ex.Failure, ex.Message);
            Response.Redirect(QueryHelpers.AddQueryString(Context.AppUrlBase() + "/", "auth_error", ErrorCode(ex.Failure)));
        }
        return true;
    }

    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        var query = Request.Query;
        var state = query["state"];
        var properties = state.Count == 1 ? Options.StateDataFormat.Unprotect(state[0]) : null;
        // The correlation cookie binds the state to the browser that started the sign-in, and is
        // deleted here: a foreign, forged, expired or replayed state fails.
        if (properties is null || !ValidateCorrelationId(properties)
            || properties.ExpiresUtc is not { } expires || expires < TimeProvider.GetUtcNow()
            || !properties.Items.TryGetValue(RedirectUriKey, out var redirectUri) || redirectUri is null)
        {
            throw new OAuthSignInException(OAuthFailure.InvalidState);
        }

        var error = query["error"];
        if (error.Count > 0)
        {
            throw error[0] == "access_denied"
                ? new OAuthSignInException(OAuthFailure.Cancelled)
                : new OAuthSignInException(OAuthFailure.ProviderError, Printable(error[0]));
        }

        await PrepareAsync();
        CheckAuthorizationResponse();
        var code = query["code"];
        if (code.Count != 1 || string.IsNullOrEmpty(code[0]))
        {
            throw new OAuthSignInException(OAuthFailure.MissingCode);
        }

        using var tokens = await ExchangeCodeAsync(new OAuthCodeExchangeContext(properties, code[0]!, redirectUri));
        if (tokens.Error is not null)
        {
            throw tokens.Error as OAuthSignInException ?? new OAuthSignInException(OAuthFailure.TokenEndpointFailed, tokens.Error.Message);
        }
        if (string.IsNullOrEmpty(tokens.AccessToken))
        {
            throw new OAuthSignInException(OAuthFailure.TokenEndpointFailed, "the token response has no access_token");
        }
        _identity = await ReadIdentityAsync(properties, tokens);
        return HandleRequestResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(Scheme.Name)), properties, Scheme.Name));
    }

    /// <summary>Redeems the code with the redirect_uri and PKCE verifier kept in the state.</summary>
    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = context.Code,
            ["redirect_uri"] = context.RedirectUri,
        };
        if (context.Properties.Items.TryGetValue(OAuthConstants.CodeVerifierKey, out var verifier) && verifier is not null)
        {
            form[OAuthConstants.CodeVerifierKey] = verifier;
            context.Properties.Items.Remove(OAuthConstants.CodeVerifierKey);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint);
        if (UseClientSecretPost)
        {
            form["client_id"] = Options.ClientId;
            form["client_secret"] = Options.ClientSecret;
        }
        else
        {
            // RFC 6749, 2.3.1: both form-encoded, then joined and base64-encoded.
            var credentials = WebUtility.UrlEncode(Options.ClientId) + ":" + WebUtility.UrlEncode(Options.ClientSecret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        request.Content = new FormUrlEncodedContent(form);

        var response = await BoundedJson.SendAsync(Backchannel, request, OAuthFailure.TokenEndpointFailed, Context.RequestAborted, allowErrorStatus: true);
        // An OAuth error may come with any status (GitHub answers 200).
        if (response.RootElement.String("error") is { } error)
        {
            response.Dispose();
            return OAuthTokenResponse.Failed(new OAuthSignInException(OAuthFailure.TokenEndpointFailed, $"error '{Printable(error)}'"));
        }
        return OAuthTokenResponse.Success(response);
    }

    /// <summary>Sends the browser to the provider; for a link started by a script, answers the URL as JSON instead.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!properties.Items.TryGetValue(RedirectUriKey, out var redirectUri) || redirectUri is null)
        {
            throw new InvalidOperationException($"Sign-in through {Scheme.Name} starts at Parley's {{app}}/api/auth/oauth/{Provider.Id}/start endpoint.");
        }
        await PrepareAsync();
        properties.ExpiresUtc = TimeProvider.GetUtcNow() + Options.RemoteAuthenticationTimeout;
        GenerateCorrelationId(properties);
        var url = BuildChallengeUrl(properties, redirectUri);
        Response.Headers.CacheControl = "no-store";
        if (properties.Items.ContainsKey(LinkUserKey))
        {
            await Response.WriteAsJsonAsync(new OAuthRedirect(url), OAuthJsonContext.Default.OAuthRedirect, contentType: null, Context.RequestAborted);
            return;
        }
        Response.Redirect(url);
    }

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = Options.ClientId,
            ["scope"] = string.Join(' ', Provider.Scopes),
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
        };

        // PKCE (RFC 7636) with S256; the verifier stays in the protected state.
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        properties.Items[OAuthConstants.CodeVerifierKey] = verifier;
        parameters[OAuthConstants.CodeChallengeKey] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        parameters[OAuthConstants.CodeChallengeMethodKey] = OAuthConstants.CodeChallengeMethodS256;

        AddAuthorizationParameters(properties, parameters);
        parameters["state"] = Options.StateDataFormat.Protect(properties);
        return QueryHelpers.AddQueryString(AuthorizationEndpoint, parameters);
    }

    /// <summary>A random value for nonces and similar, 256 bits, base64url.</summary>
    protected static string RandomValue() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>A provider-supplied string fit for a log line.</summary>
    protected static string Printable(string? value) =>
        value is null ? "(none)" : new string(value.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static string ErrorCode(OAuthFailure failure) => failure switch
    {
        OAuthFailure.Cancelled => "cancelled",
        OAuthFailure.Denied => "denied",
        OAuthFailure.LinkConflict => "link_conflict",
        OAuthFailure.DiscoveryFailed or OAuthFailure.KeysFailed => "provider_unavailable",
        _ => "failed",
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.OAuthSignInFailed, Level = LogLevel.Information,
            Message = "Sign-in through OAuth provider {Provider} failed: {Failure} ({Detail}).")]
        public static partial void SignInFailed(ILogger logger, string provider, OAuthFailure failure, string detail);
    }
}

/// <summary>Marks Parley's OAuth callback endpoint, so each provider's handler knows the request is its callback.</summary>
internal sealed class OAuthCallbackMetadata;
