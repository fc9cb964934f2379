using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Parley.Tests.Authentication.TrustedHeader;

public sealed class TrustedHeaderOptionsValidationTests
{
    [Fact]
    public async Task An_empty_trusted_proxy_list_stops_start_up_naming_the_setting()
    {
        var error = await StartExpectingFailureAsync([]);

        Assert.Contains("Parley:Auth:Header:TrustedProxies must list at least one proxy address or CIDR range", error);
    }

    [Theory]
    [InlineData("10.1", "is not an IPv4 or IPv6 address or CIDR range")]
    [InlineData("proxy.internal", "is not an IPv4 or IPv6 address or CIDR range")]
    [InlineData("10.0.0.1/8", "has host bits set: write 10.0.0.1 for one proxy or 10.0.0.0/8 for the whole range")]
    [InlineData("10.0.0.0/33", "is not a valid CIDR range")]
    [InlineData("0.0.0.0/0", "trusts every address")]
    [InlineData("::/0", "trusts every address")]
    [InlineData("fe80::1%eth0", "has an IPv6 zone id")]
    public async Task An_invalid_trusted_proxy_stops_start_up_naming_the_entry(string entry, string problem)
    {
        var error = await StartExpectingFailureAsync(["127.0.0.1", entry]);

        Assert.Contains($"Parley:Auth:Header:TrustedProxies:1 ('{entry}') {problem}", error);
    }

    [Fact]
    public async Task An_invalid_header_name_stops_start_up_naming_the_setting()
    {
        var error = await StartExpectingFailureAsync(["127.0.0.1"], userHeader: "X WEBAUTH USER");

        Assert.Contains("Parley:Auth:Header:UserHeader must be an HTTP header name", error);
    }

    [Fact]
    public async Task Trusted_proxies_are_read_from_the_Parley_Auth_Header_configuration_section()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = AuthTestHost.CreateBuilder();
        builder.Configuration["Parley:Auth:Header:TrustedProxies:0"] = "192.0.2.0/24";
        builder.Configuration["Parley:Auth:Header:GroupsHeader"] = "X-Groups";
        builder.Services.AddAuthentication().AddParleyTrustedHeader();
        await using var app = builder.Build();
        await app.StartAsync(ct).WaitAsync(AuthTestHost.Timeout, ct);

        var options = app.Services.GetRequiredService<IOptionsMonitor<Parley.Authentication.TrustedHeader.TrustedHeaderOptions>>()
            .Get(Parley.Authentication.TrustedHeader.TrustedHeaderDefaults.AuthenticationScheme);

        Assert.Equal(["192.0.2.0/24"], options.TrustedProxies);
        Assert.Equal("X-Groups", options.GroupsHeader);
        await app.StopAsync(ct).WaitAsync(AuthTestHost.Timeout, ct);
    }

    private static async Task<string> StartExpectingFailureAsync(string[] trustedProxies, string? userHeader = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = AuthTestHost.CreateBuilder();
        builder.Services.AddAuthentication().AddParleyTrustedHeader(options =>
        {
            options.TrustedProxies = trustedProxies;
            options.UserHeader = userHeader ?? options.UserHeader;
        });
        await using var app = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(ct).WaitAsync(AuthTestHost.Timeout, ct));
        return exception.Message;
    }
}
