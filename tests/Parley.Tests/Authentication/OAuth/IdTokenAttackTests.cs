using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>
/// Crafted ID tokens from a hand-made provider (<see cref="FakeIdentityProvider"/>): each must be
/// refused for the right reason, with nobody signed in. The first test is the control: an honest
/// token from the same provider is accepted.
/// </summary>
public sealed class IdTokenAttackTests : IAsyncLifetime
{
    private FakeIdentityProvider _idp = null!;
    private OAuthTestApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _idp = await FakeIdentityProvider.StartAsync();
        _app = await OAuthTestApp.StartAsync(_idp.Settings());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _idp.DisposeAsync();
    }

    [Fact]
    public async Task An_honest_id_token_signs_the_user_in()
    {
        Assert.Equal("fake:fake-user", await SignInAsync());
    }

    [Fact]
    public async Task An_honest_es256_id_token_signs_the_user_in()
    {
        _idp.IdToken = a => _idp.SignEs256(_idp.ValidClaims(a));
        Assert.Equal("fake:fake-user", await SignInAsync());
    }

    [Fact]
    public async Task An_unsigned_token_with_alg_none_is_refused()
    {
        _idp.IdToken = a => FakeIdentityProvider.Jws(new JsonObject { ["alg"] = "none" }, _idp.ValidClaims(a), _ => []);
        await AssertRefusedAsync("MalformedIdToken");
    }

    [Fact]
    public async Task A_token_with_alg_none_and_a_signature_is_refused_for_its_algorithm()
    {
        _idp.IdToken = a => FakeIdentityProvider.Jws(new JsonObject { ["alg"] = "none", ["kid"] = "rsa-1" }, _idp.ValidClaims(a), _ => [1, 2, 3]);
        await AssertRefusedAsync("AlgorithmNotAllowed");
    }

    [Fact]
    public async Task An_hs256_token_keyed_with_the_providers_rsa_public_key_is_refused()
    {
        var pem = _idp.RsaKey.ExportSubjectPublicKeyInfoPem();
        _idp.IdToken = a => FakeIdentityProvider.Jws(new JsonObject { ["alg"] = "HS256", ["kid"] = "rsa-1" }, _idp.ValidClaims(a),
            input => HMACSHA256.HashData(System.Text.Encoding.ASCII.GetBytes(pem), input));
        await AssertRefusedAsync("AlgorithmNotAllowed");
    }

    [Fact]
    public async Task An_hs256_token_matching_a_symmetric_key_slipped_into_the_key_set_is_refused()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        _idp.Jwks = () =>
        {
            var keys = _idp.PublishedKeys();
            keys["keys"]!.AsArray().Add(new JsonObject { ["kty"] = "oct", ["kid"] = "hmac", ["k"] = FakeIdentityProvider.B64(secret) });
            return keys;
        };
        _idp.IdToken = a => FakeIdentityProvider.Jws(new JsonObject { ["alg"] = "HS256", ["kid"] = "hmac" }, _idp.ValidClaims(a), input => HMACSHA256.HashData(secret, input));
        await AssertRefusedAsync("AlgorithmNotAllowed");
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        _idp.IdToken = a => _idp.SignRs256(With(_idp.ValidClaims(a), "iss", "https://evil.example"));
        await AssertRefusedAsync("InvalidIssuer");
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        _idp.IdToken = a => _idp.SignRs256(With(_idp.ValidClaims(a), "aud", "another-client"));
        await AssertRefusedAsync("InvalidAudience");
    }

    [Fact]
    public async Task A_token_for_several_audiences_without_this_client_as_authorized_party_is_refused()
    {
        _idp.IdToken = a => _idp.SignRs256(With(_idp.ValidClaims(a), "aud", new JsonArray(FakeIdentityProvider.ClientId, "another-client")));
        await AssertRefusedAsync("InvalidAudience");
    }

    [Fact]
    public async Task A_token_for_several_audiences_naming_this_client_as_authorized_party_is_accepted()
    {
        _idp.IdToken = a => _idp.SignRs256(With(With(_idp.ValidClaims(a), "aud", new JsonArray(FakeIdentityProvider.ClientId, "another-client")), "azp", FakeIdentityProvider.ClientId));
        Assert.Equal("fake:fake-user", await SignInAsync());
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var past = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        _idp.IdToken = a => _idp.SignRs256(With(With(_idp.ValidClaims(a), "exp", past), "iat", past - 300));
        await AssertRefusedAsync("InvalidLifetime");
    }

    [Fact]
    public async Task A_token_without_exp_is_refused()
    {
        _idp.IdToken = a =>
        {
            var claims = _idp.ValidClaims(a);
            claims.Remove("exp");
            return _idp.SignRs256(claims);
        };
        await AssertRefusedAsync("InvalidLifetime");
    }

    [Fact]
    public async Task A_token_signed_by_a_key_the_provider_does_not_publish_is_refused()
    {
        using var rogue = RSA.Create(2048);
        _idp.IdToken = a => _idp.SignRs256(_idp.ValidClaims(a), kid: "rogue", key: rogue);
        await AssertRefusedAsync("UnknownSigningKey");
    }

    [Fact]
    public async Task A_token_signed_by_an_unknown_key_under_a_published_kid_is_refused()
    {
        using var rogue = RSA.Create(2048);
        _idp.IdToken = a => _idp.SignRs256(_idp.ValidClaims(a), kid: "rsa-1", key: rogue);
        await AssertRefusedAsync("InvalidSignature");
    }

    [Fact]
    public async Task A_token_whose_jku_header_points_at_the_attackers_keys_is_refused()
    {
        using var rogue = RSA.Create(2048);
        _idp.IdToken = a => FakeIdentityProvider.Jws(
            new JsonObject { ["alg"] = "RS256", ["kid"] = "attacker", ["jku"] = "https://evil.example/jwks" }, _idp.ValidClaims(a),
            input => rogue.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        await AssertRefusedAsync("UnknownSigningKey");
    }

    [Fact]
    public async Task A_token_signed_with_a_published_rsa_key_smaller_than_2048_bits_is_refused()
    {
        using var small = RSA.Create(1024);
        var parameters = small.ExportParameters(false);
        _idp.Jwks = () => new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["kid"] = "small", ["n"] = FakeIdentityProvider.B64(parameters.Modulus!), ["e"] = FakeIdentityProvider.B64(parameters.Exponent!),
            }, _idp.PublishedKeys()["keys"]![0]!.DeepClone()),
        };
        _idp.IdToken = a => _idp.SignRs256(_idp.ValidClaims(a), kid: "small", key: small);
        await AssertRefusedAsync("UnknownSigningKey");
    }

    [Fact]
    public async Task A_token_without_a_nonce_is_refused()
    {
        _idp.IdToken = a =>
        {
            var claims = _idp.ValidClaims(a);
            claims.Remove("nonce");
            return _idp.SignRs256(claims);
        };
        await AssertRefusedAsync("InvalidNonce");
    }

    [Fact]
    public async Task A_token_with_another_sign_ins_nonce_is_refused()
    {
        _idp.IdToken = a => _idp.SignRs256(With(_idp.ValidClaims(a), "nonce", "a-nonce-from-another-sign-in-0123456789abcdef"));
        await AssertRefusedAsync("InvalidNonce");
    }

    [Fact]
    public async Task A_token_response_without_an_id_token_is_refused()
    {
        _idp.IdToken = _ => null;
        await AssertRefusedAsync("MissingIdToken");
    }

    [Fact]
    public async Task Userinfo_about_another_subject_is_refused()
    {
        _idp.UserInfo = _ => new JsonObject { ["sub"] = "someone-else", ["email"] = "admin@fake.test", ["email_verified"] = true };
        await AssertRefusedAsync("UserInfoFailed");
    }

    [Fact]
    public async Task A_token_whose_header_claims_rs256_but_is_signed_with_ecdsa_is_refused()
    {
        _idp.IdToken = a => FakeIdentityProvider.Jws(new JsonObject { ["alg"] = "RS256", ["kid"] = "ec-1" }, _idp.ValidClaims(a),
            input => _idp.EcKey.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        await AssertRefusedAsync("UnknownSigningKey");
    }

    [Fact]
    public async Task A_token_with_a_crit_header_is_refused()
    {
        _idp.IdToken = a => FakeIdentityProvider.Jws(new JsonObject { ["alg"] = "RS256", ["kid"] = "rsa-1", ["crit"] = new JsonArray("exp") }, _idp.ValidClaims(a),
            input => _idp.RsaKey.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        await AssertRefusedAsync("MalformedIdToken");
    }

    [Fact]
    public async Task An_authorization_response_from_another_issuer_is_refused_when_the_provider_announces_rfc_9207()
    {
        _idp.AnnouncesResponseIssuer = true;
        _idp.ResponseIssuer = "https://evil.example";
        await AssertRefusedAsync("ResponseIssuerMismatch");
    }

    [Fact]
    public async Task A_discovery_document_naming_another_issuer_stops_the_sign_in_before_the_provider()
    {
        _idp.DiscoveryIssuer = "https://evil.example";
        using var browser = new TestBrowser();

        var location = await browser.RedirectOfAsync(new Uri(_app.AppUri, "api/auth/oauth/fake/start"));

        Assert.Equal(new Uri(_app.AppUri, "?auth_error=provider_unavailable"), location);
        Assert.DoesNotContain(_idp.Requests, r => r.StartsWith("GET /authorize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_discovery_document_is_fetched_once_and_reused()
    {
        Assert.Equal("fake:fake-user", await SignInAsync());
        Assert.Equal("fake:fake-user", await SignInAsync());

        Assert.Equal(1, _idp.Requests.Count(r => r == "GET /.well-known/openid-configuration"));
        Assert.Equal(1, _idp.Requests.Count(r => r == "GET /jwks"));
    }

    private async Task<string?> SignInAsync()
    {
        using var browser = new TestBrowser();
        var authorization = await browser.StartAsync(_app, "fake");
        var callback = await browser.RedirectOfAsync(authorization);
        using var response = await browser.GetAsync(callback);
        Assert.Equal(_app.AppUri, TestBrowser.LocationOf(response));
        return await browser.SignedInUserAsync(_app);
    }

    private async Task AssertRefusedAsync(string failure)
    {
        using var browser = new TestBrowser();
        var authorization = await browser.StartAsync(_app, "fake");
        var callback = await browser.RedirectOfAsync(authorization);
        using var response = await browser.GetAsync(callback);

        Assert.Equal(new Uri(_app.AppUri, "?auth_error=failed"), TestBrowser.LocationOf(response));
        Assert.Null(await browser.SignedInUserAsync(_app));
        var logged = _app.Logs.Entries.Where(e => e.EventId.Id == 1300).Select(e => e.Message).ToList();
        Assert.True(logged.Any(m => m.Contains($": {failure} ", StringComparison.Ordinal)), $"Expected {failure}; logged: {string.Join(" | ", logged)}");
    }

    private static JsonObject With(JsonObject claims, string name, JsonNode? value)
    {
        claims[name] = value;
        return claims;
    }
}
