using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication.Copilot;

namespace Parley.Tests.Authentication.Copilot;

/// <summary>Times, audience, issuer, identity claims, events and configuration.</summary>
public sealed partial class CopilotTokenAuthenticationTests
{
    [Fact]
    public async Task A_token_expired_by_more_than_the_clock_skew_is_rejected()
    {
        await using var host = await StartAsync();
        var token = TestTokens.Hs256(TestTokens.Claims(Now - TimeSpan.FromMinutes(10), lifetime: TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(31)));

        await AssertRejectedAsync(host, token, CopilotTokenFailure.Expired);
    }

    [Fact]
    public async Task A_token_expired_by_less_than_the_clock_skew_is_accepted()
    {
        await using var host = await StartAsync();
        var token = TestTokens.Hs256(TestTokens.Claims(Now - TimeSpan.FromMinutes(10), lifetime: TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(28)));

        using var response = await GetWhoAmIAsync(host, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_accepted_now_is_rejected_once_the_clock_passes_its_expiry_and_the_skew()
    {
        await using var host = await StartAsync();
        var token = TestTokens.Hs256(TestTokens.Claims(Now, lifetime: TimeSpan.FromMinutes(5)));
        using (var before = await GetWhoAmIAsync(host, token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(31));

        await AssertRejectedAsync(host, token, CopilotTokenFailure.Expired);
    }

    [Fact]
    public async Task A_token_without_exp_is_rejected()
    {
        await using var host = await StartAsync();
        var claims = TestTokens.Claims(Now);
        claims.Remove("exp");

        await AssertRejectedAsync(host, TestTokens.Hs256(claims), CopilotTokenFailure.MissingExpiration);
    }

    [Fact]
    public async Task A_token_whose_exp_is_not_a_number_is_rejected()
    {
        await using var host = await StartAsync();
        var claims = TestTokens.Claims(Now);
        claims["exp"] = "tomorrow";

        await AssertRejectedAsync(host, TestTokens.Hs256(claims), CopilotTokenFailure.Malformed);
    }

    [Fact]
    public async Task A_token_issued_for_longer_than_the_maximum_lifetime_is_rejected()
    {
        await using var host = await StartAsync();

        await AssertRejectedAsync(host, TestTokens.Hs256(TestTokens.Claims(Now, lifetime: TimeSpan.FromMinutes(61))), CopilotTokenFailure.LifetimeTooLong);
    }

    [Fact]
    public async Task A_token_without_iat_that_expires_later_than_the_maximum_lifetime_from_now_is_rejected()
    {
        await using var host = await StartAsync();
        var claims = TestTokens.Claims(Now, lifetime: TimeSpan.FromHours(2));
        claims.Remove("iat");

        await AssertRejectedAsync(host, TestTokens.Hs256(claims), CopilotTokenFailure.LifetimeTooLong);
    }

    [Fact]
    public async Task A_longer_maximum_lifetime_can_be_configured()
    {
        await using var host = await StartAsync(options =>
        {
            options.Secret = TestTokens.Secret;
            options.MaxTokenLifetime = TimeSpan.FromDays(1);
        });

        using var response = await GetWhoAmIAsync(host, TestTokens.Hs256(TestTokens.Claims(Now, lifetime: TimeSpan.FromHours(12))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_whose_nbf_is_in_the_future_beyond_the_skew_is_rejected()
    {
        await using var host = await StartAsync();
        var claims = TestTokens.Claims(Now);
        claims["nbf"] = (Now + TimeSpan.FromMinutes(2)).ToUnixTimeSeconds();

        await AssertRejectedAsync(host, TestTokens.Hs256(claims), CopilotTokenFailure.NotYetValid);
    }

    [Fact]
    public async Task A_token_whose_nbf_is_in_the_future_within_the_skew_is_accepted()
    {
        await using var host = await StartAsync();
        var claims = TestTokens.Claims(Now);
        claims["nbf"] = (Now + TimeSpan.FromSeconds(20)).ToUnixTimeSeconds();

        using var response = await GetWhoAmIAsync(host, TestTokens.Hs256(claims));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_issued_in_the_future_beyond_the_skew_is_rejected()
    {
        await using var host = await StartAsync();

        await AssertRejectedAsync(host, TestTokens.Hs256(TestTokens.Claims(Now + TimeSpan.FromMinutes(5))), CopilotTokenFailure.IssuedInFuture);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_rejected_when_an_audience_is_configured()
    {
        await using var host = await StartAsync(options =>
        {
            options.Secret = TestTokens.Secret;
            options.Audience = "parley";
        });
        var wrong = TestTokens.Claims(Now);
        wrong["aud"] = "billing";
        var missing = TestTokens.Claims(Now);

        await AssertRejectedAsync(host, TestTokens.Hs256(wrong), CopilotTokenFailure.InvalidAudience);
        await AssertRejectedAsync(host, TestTokens.Hs256(missing), CopilotTokenFailure.InvalidAudience);
    }

    [Fact]
    public async Task A_token_whose_audience_array_contains_the_configured_audience_is_accepted()
    {
        await using var host = await StartAsync(options =>
        {
            options.Secret = TestTokens.Secret;
            options.Audience = "parley";
        });
        var claims = TestTokens.Claims(Now);
        claims["aud"] = new[] { "billing", "parley" };

        using var response = await GetWhoAmIAsync(host, TestTokens.Hs256(claims));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_rejected_when_an_issuer_is_configured()
    {
        await using var host = await StartAsync(options =>
        {
            options.Secret = TestTokens.Secret;
            options.Issuer = "https://shop.example.com";
        });
        var wrong = TestTokens.Claims(Now);
        wrong["iss"] = "https://evil.example.com";
        var right = TestTokens.Claims(Now);
        right["iss"] = "https://shop.example.com";

        await AssertRejectedAsync(host, TestTokens.Hs256(wrong), CopilotTokenFailure.InvalidIssuer);
        await AssertRejectedAsync(host, TestTokens.Hs256(TestTokens.Claims(Now)), CopilotTokenFailure.InvalidIssuer);
        using var accepted = await GetWhoAmIAsync(host, TestTokens.Hs256(right));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" alice")]
    [InlineData("ali\u0000ce")]
    [InlineData("adm\u200Bin")]
    public async Task A_token_without_a_valid_identifier_is_rejected(string? identifier)
    {
        await using var host = await StartAsync();
        var claims = TestTokens.Claims(Now);
        claims.Remove("identifier");
        if (identifier is not null)
        {
            claims["identifier"] = identifier;
        }

        await AssertRejectedAsync(host, TestTokens.Hs256(claims), CopilotTokenFailure.InvalidIdentifier);
    }

    [Fact]
    public async Task A_token_whose_identifier_is_longer_than_256_characters_is_rejected()
    {
        await using var host = await StartAsync();

        await AssertRejectedAsync(host, TestTokens.Hs256(TestTokens.Claims(Now, identifier: new string('a', 257))), CopilotTokenFailure.InvalidIdentifier);
    }

    [Fact]
    public async Task Sub_names_the_user_only_when_identifier_is_absent()
    {
        await using var host = await StartAsync();
        var subOnly = TestTokens.Claims(Now);
        subOnly.Remove("identifier");
        subOnly["sub"] = "user-42";
        var both = TestTokens.Claims(Now, identifier: "alice");
        both["sub"] = "user-42";

        using var first = await GetWhoAmIAsync(host, TestTokens.Hs256(subOnly));
        using var second = await GetWhoAmIAsync(host, TestTokens.Hs256(both));

        Assert.Equal("user-42", (await first.ReadJsonAsync<WhoAmI>()).Id);
        Assert.Equal("alice", (await second.ReadJsonAsync<WhoAmI>()).Id);
    }

    [Fact]
    public async Task A_token_whose_metadata_is_not_an_object_is_rejected()
    {
        await using var host = await StartAsync();
        var claims = TestTokens.Claims(Now);
        claims["metadata"] = "plan=pro";

        await AssertRejectedAsync(host, TestTokens.Hs256(claims), CopilotTokenFailure.InvalidClaims);
    }

    [Fact]
    public async Task OnTokenValidated_can_reject_a_user_and_enrich_another()
    {
        await using var host = await StartAsync(options =>
        {
            options.Secret = TestTokens.Secret;
            options.Events.OnTokenValidated = context =>
            {
                if (context.Payload.GetProperty("identifier").GetString() == "mallory")
                {
                    context.Fail("banned");
                }
                else
                {
                    context.Principal!.Identities.First().AddClaim(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, "beta"));
                }
                return Task.CompletedTask;
            };
        });

        using var banned = await GetWhoAmIAsync(host, TestTokens.Hs256(TestTokens.Claims(Now, identifier: "mallory")));
        using var enriched = await GetWhoAmIAsync(host, TestTokens.Hs256(TestTokens.Claims(Now)));

        Assert.Equal(HttpStatusCode.Unauthorized, banned.StatusCode);
        Assert.Equal(["beta"], (await enriched.ReadJsonAsync<WhoAmI>()).Roles);
    }

    [Fact]
    public async Task OnAuthenticationFailed_is_told_why_without_the_token()
    {
        var failures = new List<CopilotTokenFailure>();
        await using var host = await StartAsync(options =>
        {
            options.Secret = TestTokens.Secret;
            options.Events.OnAuthenticationFailed = context =>
            {
                lock (failures)
                {
                    failures.Add(context.Failure);
                }
                return Task.CompletedTask;
            };
        });

        using var response = await GetWhoAmIAsync(host, TestTokens.Hs256(TestTokens.Claims(Now - TimeSpan.FromHours(1))));

        Assert.Equal([CopilotTokenFailure.Expired], failures);
    }

    [Fact]
    public async Task OnMessageReceived_can_take_the_token_from_the_query_string_for_websockets()
    {
        await using var host = await StartAsync(options =>
        {
            options.Secret = TestTokens.Secret;
            options.Events.OnMessageReceived = context =>
            {
                context.Token = context.Request.Query["access_token"];
                return Task.CompletedTask;
            };
        });

        using var response = await host.Client.GetWithHeadersAsync($"/whoami?access_token={TestTokens.Hs256(TestTokens.Claims(Now))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Settings_are_read_from_the_Parley_Auth_Copilot_configuration_section()
    {
        await using var host = await AuthTestHost.StartAsync(
            CopilotTokenDefaults.AuthenticationScheme,
            builder =>
            {
                builder.Configuration["Parley:Auth:Copilot:Secret"] = TestTokens.Secret;
                builder.Configuration["Parley:Auth:Copilot:MaxTokenLifetime"] = "00:05:00";
                builder.Services.AddAuthentication().AddParleyCopilotToken(options => options.TimeProvider = _clock);
            });

        using var accepted = await GetWhoAmIAsync(host, TestTokens.Hs256(TestTokens.Claims(Now, lifetime: TimeSpan.FromMinutes(5))));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await AssertRejectedAsync(host, TestTokens.Hs256(TestTokens.Claims(Now, lifetime: TimeSpan.FromMinutes(6))), CopilotTokenFailure.LifetimeTooLong);
    }
}
