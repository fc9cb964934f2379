using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication.Copilot;

namespace Parley.Tests.Authentication.Copilot;

/// <summary>Algorithms, keys, signatures, malformed tokens, challenges and logs; the claims half is in the .Claims file.</summary>
public sealed partial class CopilotTokenAuthenticationTests
{
    private static readonly RSA RsaKey = RSA.Create(2048);
    private static readonly RSA OtherRsaKey = RSA.Create(2048);
    private static readonly ECDsa EcKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa OtherEcKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private readonly FakeTimeProvider _clock = new();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public async Task A_valid_HS256_token_authenticates_the_user_it_names()
    {
        await using var host = await StartAsync();
        var claims = TestTokens.Claims(Now);
        claims["display_name"] = "Alice Liddell";
        claims["email"] = "alice@example.com";
        claims["metadata"] = new Dictionary<string, object> { ["plan"] = "pro", ["seats"] = 3 };

        using var response = await GetWhoAmIAsync(host, TestTokens.Hs256(claims));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await response.ReadJsonAsync<WhoAmI>();
        Assert.Equal("alice", user.Id);
        Assert.Equal("Alice Liddell", user.Name);
        Assert.Equal("alice@example.com", user.Email);
        Assert.Equal("""{"plan":"pro","seats":3}""", user.Metadata);
        Assert.Equal("copilot", user.Mode);
        Assert.Equal(CopilotTokenDefaults.AuthenticationScheme, user.AuthenticationType);
    }

    [Fact]
    public async Task A_valid_RS256_token_authenticates_the_user_it_names()
    {
        await using var host = await StartAsync(RsaOptions(RsaKey));

        using var response = await GetWhoAmIAsync(host, TestTokens.Rs256(RsaKey, TestTokens.Claims(Now)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", (await response.ReadJsonAsync<WhoAmI>()).Id);
    }

    [Fact]
    public async Task A_valid_ES256_token_authenticates_the_user_it_names()
    {
        await using var host = await StartAsync(EcOptions(EcKey));

        using var response = await GetWhoAmIAsync(host, TestTokens.Es256(EcKey, TestTokens.Claims(Now)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", (await response.ReadJsonAsync<WhoAmI>()).Id);
    }

    [Fact]
    public async Task A_token_verified_by_any_configured_public_key_is_accepted_so_keys_can_be_rotated()
    {
        await using var host = await StartAsync(options =>
        {
            RsaOptions(OtherRsaKey)(options);
            options.PublicKeys.Add(RsaKey.ExportSubjectPublicKeyInfoPem());
        });

        using var response = await GetWhoAmIAsync(host, TestTokens.Rs256(RsaKey, TestTokens.Claims(Now)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_rejected()
    {
        await using var host = await StartAsync();
        var token = TestTokens.Handmade(new { alg = "none", typ = "JWT" }, TestTokens.Claims(Now), sign: null);

        await AssertRejectedAsync(host, token, CopilotTokenFailure.Malformed);
    }

    [Fact]
    public async Task An_alg_none_header_is_rejected_even_with_a_signature_that_verifies_under_the_configured_algorithm()
    {
        await using var host = await StartAsync();
        var token = TestTokens.Handmade(
            new { alg = "none", typ = "JWT" },
            TestTokens.Claims(Now),
            TestTokens.HmacSha256(Encoding.UTF8.GetBytes(TestTokens.Secret)));

        await AssertRejectedAsync(host, token, CopilotTokenFailure.AlgorithmMismatch);
    }

    [Fact]
    public async Task A_token_whose_header_names_another_algorithm_is_rejected_even_if_its_signature_verifies()
    {
        // The JWT package verifies with the algorithm it is given whatever the header says, so only
        // Parley's own header check can refuse this token.
        await using var host = await StartAsync();
        var token = TestTokens.Handmade(
            new { alg = "HS512", typ = "JWT" },
            TestTokens.Claims(Now),
            TestTokens.HmacSha256(Encoding.UTF8.GetBytes(TestTokens.Secret)));

        await AssertRejectedAsync(host, token, CopilotTokenFailure.AlgorithmMismatch);
    }

    [Fact]
    public async Task An_HS256_token_keyed_with_the_RS256_public_key_is_rejected()
    {
        await using var host = await StartAsync(RsaOptions(RsaKey));
        var publicPem = RsaKey.ExportSubjectPublicKeyInfoPem();
        var token = TestTokens.Handmade(
            new { alg = "HS256", typ = "JWT" },
            TestTokens.Claims(Now),
            TestTokens.HmacSha256(Encoding.UTF8.GetBytes(publicPem)));

        await AssertRejectedAsync(host, token, CopilotTokenFailure.AlgorithmMismatch);
    }

    [Fact]
    public async Task An_HS256_token_signed_with_another_secret_is_rejected()
    {
        await using var host = await StartAsync();

        await AssertRejectedAsync(
            host,
            TestTokens.Hs256(TestTokens.Claims(Now), secret: "another-secret-that-is-also-32-bytes-long"),
            CopilotTokenFailure.InvalidSignature);
    }

    [Fact]
    public async Task An_RS256_token_signed_with_another_key_is_rejected()
    {
        await using var host = await StartAsync(RsaOptions(RsaKey));

        await AssertRejectedAsync(host, TestTokens.Rs256(OtherRsaKey, TestTokens.Claims(Now)), CopilotTokenFailure.InvalidSignature);
    }

    [Fact]
    public async Task An_ES256_token_signed_with_another_key_is_rejected()
    {
        await using var host = await StartAsync(EcOptions(EcKey));

        await AssertRejectedAsync(host, TestTokens.Es256(OtherEcKey, TestTokens.Claims(Now)), CopilotTokenFailure.InvalidSignature);
    }

    [Fact]
    public async Task A_token_whose_payload_was_altered_after_signing_is_rejected()
    {
        await using var host = await StartAsync();
        var parts = TestTokens.Hs256(TestTokens.Claims(Now, identifier: "alice")).Split('.');
        var forged = TestTokens.Handmade(new { alg = "HS256", typ = "JWT" }, TestTokens.Claims(Now, identifier: "admin"), sign: null).Split('.');

        await AssertRejectedAsync(host, $"{parts[0]}.{forged[1]}.{parts[2]}", CopilotTokenFailure.InvalidSignature);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJpZGVudGlmaWVyIjoiYWxpY2UifQ")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJpZGVudGlmaWVyIjoiYWxpY2UifQ.c2ln.c2ln")]
    [InlineData("e%J!.eyJpZGVudGlmaWVyIjoiYWxpY2UifQ.c2ln")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e.c2ln")]
    [InlineData("bm90IGpzb24.eyJpZGVudGlmaWVyIjoiYWxpY2UifQ.c2ln")]
    [InlineData("WyJIUzI1NiJd.eyJpZGVudGlmaWVyIjoiYWxpY2UifQ.c2ln")]
    public async Task A_malformed_token_is_rejected_with_401_not_an_error(string token)
    {
        await using var host = await StartAsync();

        await AssertRejectedAsync(host, token, CopilotTokenFailure.Malformed);
    }

    [Fact]
    public async Task A_token_with_duplicate_claim_names_is_rejected()
    {
        await using var host = await StartAsync();
        var header = System.Buffers.Text.Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var exp = (Now + TimeSpan.FromMinutes(5)).ToUnixTimeSeconds();
        var payload = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"identifier":"alice","identifier":"admin","exp":{{exp}}}"""));
        var signature = System.Buffers.Text.Base64Url.EncodeToString(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestTokens.Secret), Encoding.ASCII.GetBytes($"{header}.{payload}")));

        await AssertRejectedAsync(host, $"{header}.{payload}.{signature}", CopilotTokenFailure.Malformed);
    }

    [Fact]
    public async Task A_token_longer_than_8_KiB_is_rejected_before_it_is_parsed()
    {
        await using var host = await StartAsync();
        var claims = TestTokens.Claims(Now);
        claims["padding"] = new string('x', 9000);

        await AssertRejectedAsync(host, TestTokens.Hs256(claims), CopilotTokenFailure.TooLong);
    }

    [Fact]
    public async Task A_rejected_token_never_appears_in_the_logs()
    {
        await using var host = await StartAsync();
        var token = TestTokens.Hs256(TestTokens.Claims(Now), secret: "another-secret-that-is-also-32-bytes-long");

        await AssertRejectedAsync(host, token, CopilotTokenFailure.InvalidSignature);

        var signature = token.Split('.')[2];
        Assert.NotEmpty(host.Logs.Entries);
        Assert.DoesNotContain(host.Logs.Entries, e => e.AllText.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Entries, e => e.AllText.Contains(signature, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_without_a_token_gets_a_bearer_challenge_and_a_bad_token_an_invalid_token_challenge()
    {
        await using var host = await StartAsync();

        using var anonymous = await GetWhoAmIAsync(host, token: null);
        using var bad = await GetWhoAmIAsync(host, "garbage");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", bad.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task Another_authorization_scheme_is_left_alone()
    {
        await using var host = await StartAsync();

        using var response = await host.Client.GetWithHeadersAsync("/probe", ("Authorization", "Basic YWxpY2U6c2VjcmV0"));
        var probe = await response.ReadJsonAsync<Probe>();

        Assert.True(probe.None);
        Assert.Null(probe.Failure);
    }

    [Fact]
    public async Task The_failure_message_does_not_reveal_why_the_token_was_rejected()
    {
        await using var host = await StartAsync();

        using var expired = await host.Client.GetWithHeadersAsync("/probe", ("Authorization", $"Bearer {TestTokens.Hs256(TestTokens.Claims(Now - TimeSpan.FromHours(1)))}"));
        using var forged = await host.Client.GetWithHeadersAsync("/probe", ("Authorization", $"Bearer {TestTokens.Hs256(TestTokens.Claims(Now), "another-secret-that-is-also-32-bytes-long")}"));

        var expiredFailure = (await expired.ReadJsonAsync<Probe>()).Failure;
        Assert.NotNull(expiredFailure);
        Assert.Equal(expiredFailure, (await forged.ReadJsonAsync<Probe>()).Failure);
    }

    private Task<AuthTestHost> StartAsync(Action<CopilotTokenOptions>? configure = null) =>
        AuthTestHost.StartAsync(
            CopilotTokenDefaults.AuthenticationScheme,
            builder => builder.Services.AddAuthentication().AddParleyCopilotToken(options =>
            {
                options.TimeProvider = _clock;
                options.Secret = TestTokens.Secret;
                configure?.Invoke(options);
            }));

    private static Action<CopilotTokenOptions> RsaOptions(RSA key) => options =>
    {
        options.Algorithm = CopilotTokenAlgorithm.RS256;
        options.Secret = null;
        options.PublicKeys = [key.ExportSubjectPublicKeyInfoPem()];
    };

    private static Action<CopilotTokenOptions> EcOptions(ECDsa key) => options =>
    {
        options.Algorithm = CopilotTokenAlgorithm.ES256;
        options.Secret = null;
        options.PublicKeys = [key.ExportSubjectPublicKeyInfoPem()];
    };

    private static async Task<HttpResponseMessage> GetWhoAmIAsync(AuthTestHost host, string? token)
    {
        var response = token is null
            ? await host.Client.GetWithHeadersAsync("/whoami")
            : await host.Client.GetWithHeadersAsync("/whoami", ("Authorization", $"Bearer {token}"));
        Assert.False(response.Headers.Contains("Set-Cookie"), "Copilot authentication must never set a cookie.");
        return response;
    }

    private static async Task AssertRejectedAsync(AuthTestHost host, string token, CopilotTokenFailure expected)
    {
        using var response = await GetWhoAmIAsync(host, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var reasons = host.Logs.Entries
            .Where(e => e.EventId.Id == 1100)
            .Select(e => e.Message)
            .ToList();
        Assert.Contains($"rejected a copilot token: {expected}.", reasons.LastOrDefault() ?? "(no rejection logged)");
    }
}
