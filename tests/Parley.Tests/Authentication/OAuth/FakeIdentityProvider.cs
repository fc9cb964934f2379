using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Parley.Tests.Fixtures;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>
/// A hand-made, possibly malicious OpenID Provider on 127.0.0.1: discovery, JWKS, an authorization
/// endpoint that approves at once, a token endpoint that checks PKCE and the client secret and then
/// returns whatever ID token the test crafts, and userinfo. Tokens are signed with .NET's RSA and ECDsa.
/// </summary>
internal sealed class FakeIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "parley";
    public const string ClientSecret = "fake-client-secret-0123456789";

    private StandInServer _server = null!;

    private FakeIdentityProvider()
    {
    }

    public string Issuer => _server.BaseUrl;

    public RSA RsaKey { get; } = RSA.Create(2048);

    public ECDsa EcKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The issuer the discovery document claims (default: the real one).</summary>
    public string? DiscoveryIssuer { get; set; }

    /// <summary>Whether discovery announces RFC 9207 <c>iss</c> in authorization responses; the authorization endpoint then sends <see cref="ResponseIssuer"/>.</summary>
    public bool AnnouncesResponseIssuer { get; set; }

    public string? ResponseIssuer { get; set; }

    /// <summary>The JWKS served (default: the RSA and EC keys).</summary>
    public Func<JsonObject>? Jwks { get; set; }

    /// <summary>Crafts the ID token for an authorization (default: a valid one).</summary>
    public Func<Authorization, string?>? IdToken { get; set; }

    /// <summary>The userinfo answer for an authorization (default: sub, email, name).</summary>
    public Func<Authorization, JsonObject>? UserInfo { get; set; }

    public string Subject { get; set; } = "fake-user";

    /// <summary>The clock tokens are issued by (a test that moves Parley's clock moves this one too).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Every token request's redirect_uri, in order.</summary>
    public ConcurrentQueue<string> TokenRedirectUris { get; } = new();

    private readonly ConcurrentDictionary<string, Authorization> _codes = new();

    /// <summary>What the authorization endpoint received; the token endpoint hands it to <see cref="IdToken"/>.</summary>
    public sealed record Authorization(string ClientId, string RedirectUri, string? Nonce, string CodeChallenge, string Subject);

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var self = new FakeIdentityProvider();
        self._server = await StandInServer.StartAsync(app =>
        {
            app.Use((context, next) =>
            {
                self.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
                return next(context);
            });
            app.MapGet("/.well-known/openid-configuration", () => self.Discovery());
            app.MapGet("/jwks", () => Results.Text((self.Jwks?.Invoke() ?? self.PublishedKeys()).ToJsonString(), "application/json"));
            app.MapGet("/authorize", (HttpContext context) => self.Authorize(context));
            app.MapPost("/token", (Delegate)((HttpContext context) => self.TokenAsync(context)));
            app.MapGet("/userinfo", (HttpContext context) => self.UserInfoAnswer(context));
        });
        return self;
    }

    /// <summary>Settings for a Parley provider <paramref name="id"/> at this issuer.</summary>
    public Dictionary<string, string?> Settings(string id = "fake") =>
        OAuthTestApp.OidcProvider(id, Issuer, ClientId, ClientSecret);

    /// <summary>The claims of a valid ID token for <paramref name="authorization"/>.</summary>
    public JsonObject ValidClaims(Authorization authorization)
    {
        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = authorization.Subject,
            ["aud"] = authorization.ClientId,
            ["exp"] = now + 300,
            ["iat"] = now,
            ["email"] = authorization.Subject + "@fake.test",
            ["email_verified"] = true,
            ["name"] = "Fake " + authorization.Subject,
        };
        if (authorization.Nonce is not null)
        {
            claims["nonce"] = authorization.Nonce;
        }
        return claims;
    }

    public string SignRs256(JsonObject claims, string? kid = "rsa-1", RSA? key = null) =>
        Jws(new JsonObject { ["alg"] = "RS256", ["kid"] = kid, ["typ"] = "JWT" }, claims,
            input => (key ?? RsaKey).SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public string SignEs256(JsonObject claims, string? kid = "ec-1", ECDsa? key = null) =>
        Jws(new JsonObject { ["alg"] = "ES256", ["kid"] = kid, ["typ"] = "JWT" }, claims,
            input => (key ?? EcKey).SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <summary>A compact JWS with any header; <paramref name="sign"/> gets the signing input.</summary>
    public static string Jws(JsonObject header, JsonObject claims, Func<byte[], byte[]> sign)
    {
        if (header["kid"] is null)
        {
            header.Remove("kid");
        }
        var input = B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = sign(Encoding.ASCII.GetBytes(input));
        return input + "." + B64(signature);
    }

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public JsonObject PublishedKeys()
    {
        var rsa = RsaKey.ExportParameters(false);
        var ec = EcKey.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(
                new JsonObject { ["kty"] = "RSA", ["kid"] = "rsa-1", ["use"] = "sig", ["alg"] = "RS256", ["n"] = B64(rsa.Modulus!), ["e"] = B64(rsa.Exponent!) },
                new JsonObject { ["kty"] = "EC", ["kid"] = "ec-1", ["use"] = "sig", ["crv"] = "P-256", ["x"] = B64(ec.Q.X!), ["y"] = B64(ec.Q.Y!) }),
        };
    }

    private IResult Discovery() => Results.Text(new JsonObject
    {
        ["issuer"] = DiscoveryIssuer ?? Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["userinfo_endpoint"] = Issuer + "/userinfo",
        ["jwks_uri"] = Issuer + "/jwks",
        ["response_types_supported"] = new JsonArray("code"),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256", "ES256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic"),
        ["authorization_response_iss_parameter_supported"] = AnnouncesResponseIssuer,
    }.ToJsonString(), "application/json");

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
        {
            return Results.BadRequest("PKCE S256 required");
        }
        var code = B64(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Authorization(query["client_id"]!, query["redirect_uri"]!, query["nonce"], query["code_challenge"]!, Subject);
        var parameters = new Dictionary<string, string?> { ["code"] = code, ["state"] = query["state"] };
        if (AnnouncesResponseIssuer || ResponseIssuer is not null)
        {
            parameters["iss"] = ResponseIssuer ?? Issuer;
        }
        return Results.Redirect(QueryHelpers.AddQueryString(query["redirect_uri"]!, parameters));
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (context.Request.Headers.Authorization != expected)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }
        TokenRedirectUris.Enqueue(form["redirect_uri"].ToString());
        if (!_codes.TryRemove(form["code"].ToString(), out var authorization) || form["redirect_uri"] != authorization.RedirectUri
            || B64(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != authorization.CodeChallenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }
        var idToken = (IdToken ?? (a => SignRs256(ValidClaims(a))))(authorization);
        var body = new JsonObject { ["access_token"] = "at-" + authorization.Subject, ["token_type"] = "Bearer", ["expires_in"] = 300 };
        if (idToken is not null)
        {
            body["id_token"] = idToken;
        }
        _lastAuthorization = authorization;
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private Authorization? _lastAuthorization;

    private IResult UserInfoAnswer(HttpContext context)
    {
        if (_lastAuthorization is not { } authorization || context.Request.Headers.Authorization != "Bearer at-" + authorization.Subject)
        {
            return Results.StatusCode(401);
        }
        var answer = UserInfo?.Invoke(authorization) ?? new JsonObject { ["sub"] = authorization.Subject, ["name"] = "Fake " + authorization.Subject };
        return Results.Text(answer.ToJsonString(), "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        RsaKey.Dispose();
        EcKey.Dispose();
    }
}
