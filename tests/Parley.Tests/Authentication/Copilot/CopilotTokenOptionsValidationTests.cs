using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Authentication.Copilot;

namespace Parley.Tests.Authentication.Copilot;

public sealed class CopilotTokenOptionsValidationTests
{
    [Fact]
    public async Task A_secret_shorter_than_32_bytes_stops_start_up_naming_the_setting()
    {
        var error = await StartExpectingFailureAsync(options => options.Secret = "only-31-bytes-long-secret-12345");

        Assert.Contains("Parley:Auth:Copilot:Secret must be at least 32 bytes", error);
        Assert.Contains("it has 31", error);
    }

    [Fact]
    public async Task A_missing_secret_stops_start_up_naming_the_setting()
    {
        var error = await StartExpectingFailureAsync(_ => { });

        Assert.Contains("Parley:Auth:Copilot:Secret must be at least 32 bytes", error);
        Assert.Contains("it is not set", error);
    }

    [Fact]
    public async Task RS256_without_public_keys_stops_start_up_naming_the_setting()
    {
        var error = await StartExpectingFailureAsync(options => options.Algorithm = CopilotTokenAlgorithm.RS256);

        Assert.Contains("Parley:Auth:Copilot:PublicKeys must hold at least one PEM public key", error);
    }

    [Fact]
    public async Task A_secret_configured_with_RS256_stops_start_up_because_it_would_be_ignored()
    {
        using var rsa = RSA.Create(2048);
        var error = await StartExpectingFailureAsync(options =>
        {
            options.Algorithm = CopilotTokenAlgorithm.RS256;
            options.Secret = "parley-test-secret-with-more-than-32-bytes";
            options.PublicKeys.Add(rsa.ExportSubjectPublicKeyInfoPem());
        });

        Assert.Contains("Parley:Auth:Copilot:Secret must not be set", error);
    }

    [Fact]
    public async Task A_private_key_configured_as_a_public_key_stops_start_up()
    {
        using var rsa = RSA.Create(2048);
        var error = await StartExpectingFailureAsync(options =>
        {
            options.Algorithm = CopilotTokenAlgorithm.RS256;
            options.PublicKeys.Add(rsa.ExportPkcs8PrivateKeyPem());
        });

        Assert.Contains("Parley:Auth:Copilot:PublicKeys:0 is a private key", error);
    }

    [Fact]
    public async Task An_RSA_key_shorter_than_2048_bits_stops_start_up()
    {
        using var rsa = RSA.Create(1024);
        var error = await StartExpectingFailureAsync(options =>
        {
            options.Algorithm = CopilotTokenAlgorithm.RS256;
            options.PublicKeys.Add(rsa.ExportSubjectPublicKeyInfoPem());
        });

        Assert.Contains("Parley:Auth:Copilot:PublicKeys:0 is a 1024-bit RSA key", error);
    }

    [Fact]
    public async Task An_ES256_key_on_another_curve_or_an_RSA_key_stops_start_up()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        var error = await StartExpectingFailureAsync(options =>
        {
            options.Algorithm = CopilotTokenAlgorithm.ES256;
            options.PublicKeys.Add(p384.ExportSubjectPublicKeyInfoPem());
            options.PublicKeys.Add(rsa.ExportSubjectPublicKeyInfoPem());
            options.PublicKeys.Add("not a pem");
        });

        Assert.Contains("Parley:Auth:Copilot:PublicKeys:0 is not a P-256 key", error);
        Assert.Contains("Parley:Auth:Copilot:PublicKeys:1 is not a valid EC public key", error);
        Assert.Contains("Parley:Auth:Copilot:PublicKeys:2 is not a PEM-encoded public key", error);
    }

    [Fact]
    public async Task A_clock_skew_over_five_minutes_stops_start_up()
    {
        var error = await StartExpectingFailureAsync(options =>
        {
            options.Secret = "parley-test-secret-with-more-than-32-bytes";
            options.ClockSkew = TimeSpan.FromMinutes(6);
        });

        Assert.Contains("Parley:Auth:Copilot:ClockSkew must be between 00:00:00 and 00:05:00", error);
    }

    private static async Task<string> StartExpectingFailureAsync(Action<CopilotTokenOptions> configure)
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = AuthTestHost.CreateBuilder();
        builder.Services.AddAuthentication().AddParleyCopilotToken(configure);
        await using var app = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(ct).WaitAsync(AuthTestHost.Timeout, ct));
        return exception.Message;
    }
}
