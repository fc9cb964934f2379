using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication.TrustedHeader;

namespace Parley.Tests.Authentication.TrustedHeader;

public sealed class TrustedHeaderAuthenticationTests
{
    private const string Scheme = TrustedHeaderDefaults.AuthenticationScheme;

    [Fact]
    public async Task A_request_from_a_trusted_proxy_is_authenticated_by_its_headers()
    {
        await using var host = await StartAsync(["127.0.0.1"]);

        using var response = await host.Client.GetWithHeadersAsync(
            "/whoami",
            ("X-WEBAUTH-USER", "alice"),
            ("X-WEBAUTH-EMAIL", "alice@example.com"),
            ("X-WEBAUTH-NAME", "Alice Liddell"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await response.ReadJsonAsync<WhoAmI>();
        Assert.Equal("alice", user.Id);
        Assert.Equal("alice@example.com", user.Email);
        Assert.Equal("Alice Liddell", user.Name);
        Assert.Equal("header", user.Mode);
        Assert.Equal(Scheme, user.AuthenticationType);
        Assert.Empty(user.Roles);
    }

    [Fact]
    public async Task Only_the_user_header_is_required()
    {
        await using var host = await StartAsync(["127.0.0.0/8"]);

        using var response = await host.Client.GetWithHeadersAsync("/whoami", ("X-WEBAUTH-USER", "alice"));

        var user = await response.ReadJsonAsync<WhoAmI>();
        Assert.Equal("alice", user.Id);
        Assert.Null(user.Email);
        Assert.Null(user.Name);
    }

    [Fact]
    public async Task A_request_from_a_trusted_proxy_without_the_user_header_is_anonymous()
    {
        await using var host = await StartAsync(["127.0.0.1"]);

        var probe = await ProbeAsync(host.Client, ("X-WEBAUTH-EMAIL", "alice@example.com"));

        Assert.True(probe.None);
    }

    [Fact]
    public async Task Headers_from_an_untrusted_peer_are_ignored_rather_than_failed()
    {
        await using var host = await StartAsync(["10.0.0.1"]);

        var probe = await ProbeAsync(host.Client, ("X-WEBAUTH-USER", "admin"));
        using var protectedResponse = await host.Client.GetWithHeadersAsync("/whoami", ("X-WEBAUTH-USER", "admin"));

        Assert.True(probe.None);
        Assert.Null(probe.Failure);
        Assert.Equal(HttpStatusCode.Unauthorized, protectedResponse.StatusCode);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 1200 && e.Message.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task X_Forwarded_For_naming_a_trusted_proxy_does_not_make_a_client_trusted_even_when_forwarded_headers_trust_it()
    {
        // The misconfiguration: ForwardedHeadersMiddleware trusts the attacker's address, so it
        // rewrites RemoteIpAddress to whatever X-Forwarded-For says.
        await using var host = await StartAsync(
            ["10.9.8.7"],
            configureServices: services => services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
                options.KnownProxies.Add(IPAddress.Loopback);
            }),
            configurePipeline: app => app.UseForwardedHeaders());

        var probe = await ProbeAsync(host.Client, ("X-Forwarded-For", "10.9.8.7"), ("X-WEBAUTH-USER", "admin"));

        Assert.Equal("10.9.8.7", probe.RemoteIpAddress);
        Assert.True(probe.None);
        Assert.Null(probe.User);
    }

    [Fact]
    public async Task X_Forwarded_For_does_not_make_a_client_trusted_when_the_host_enables_forwarded_headers_for_every_peer()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true installs ForwardedHeadersMiddleware through a
        // startup filter and trusts every peer; Parley's capture must still run before it.
        await using var host = await StartAsync(["10.9.8.7"], args: ["--ForwardedHeaders_Enabled=true"]);

        var probe = await ProbeAsync(host.Client, ("X-Forwarded-For", "10.9.8.7"), ("X-WEBAUTH-USER", "admin"));

        Assert.Equal("10.9.8.7", probe.RemoteIpAddress);
        Assert.True(probe.None);
    }

    [Fact]
    public async Task A_trusted_proxy_is_still_recognised_after_forwarded_headers_replace_the_remote_address_with_the_client()
    {
        await using var host = await StartAsync(
            ["127.0.0.1"],
            configureServices: services => services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
                options.KnownProxies.Add(IPAddress.Loopback);
            }),
            configurePipeline: app => app.UseForwardedHeaders());

        var probe = await ProbeAsync(host.Client, ("X-Forwarded-For", "203.0.113.7"), ("X-WEBAUTH-USER", "alice"));

        Assert.Equal("203.0.113.7", probe.RemoteIpAddress);
        Assert.True(probe.Succeeded);
        Assert.Equal("alice", probe.User?.Id);
    }

    [Fact]
    public async Task The_identity_is_read_on_every_request_so_a_user_switch_at_the_proxy_applies_at_once()
    {
        await using var host = await StartAsync(["127.0.0.1"]);

        using var first = await host.Client.GetWithHeadersAsync("/whoami", ("X-WEBAUTH-USER", "alice"));
        using var second = await host.Client.GetWithHeadersAsync("/whoami", ("X-WEBAUTH-USER", "bob"));
        using var third = await host.Client.GetWithHeadersAsync("/whoami");

        Assert.Equal("alice", (await first.ReadJsonAsync<WhoAmI>()).Id);
        Assert.Equal("bob", (await second.ReadJsonAsync<WhoAmI>()).Id);
        Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);
        Assert.False(second.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Groups_become_roles_trimmed_and_without_empties_or_duplicates()
    {
        await using var host = await StartAsync(["127.0.0.1"], configure: options => options.GroupsHeader = "X-WEBAUTH-GROUPS");

        using var response = await host.Client.GetWithHeadersAsync(
            "/whoami",
            ("X-WEBAUTH-USER", "alice"),
            ("X-WEBAUTH-GROUPS", " admins, Domain Users ,,admins"));

        Assert.Equal(["admins", "Domain Users"], (await response.ReadJsonAsync<WhoAmI>()).Roles);
    }

    [Fact]
    public async Task The_user_header_sent_twice_fails_with_a_401()
    {
        await using var host = await StartAsync(["127.0.0.1"]);

        var (status, _) = await RawHttp.GetAsync(host.Client.BaseAddress!, "/whoami", ("X-WEBAUTH-USER", "alice"), ("X-WEBAUTH-USER", "admin"));
        var (_, probeBody) = await RawHttp.GetAsync(host.Client.BaseAddress!, "/probe", ("X-WEBAUTH-USER", "alice"), ("X-WEBAUTH-USER", "admin"));

        Assert.Equal(401, status);
        Assert.Contains("X-WEBAUTH-USER appears more than once", JsonSerializer.Deserialize<Probe>(probeBody, JsonSerializerOptions.Web)!.Failure);
    }

    [Fact]
    public async Task The_email_header_sent_twice_fails_with_a_401()
    {
        await using var host = await StartAsync(["127.0.0.1"]);

        var (status, _) = await RawHttp.GetAsync(
            host.Client.BaseAddress!,
            "/whoami",
            ("X-WEBAUTH-USER", "alice"),
            ("X-WEBAUTH-EMAIL", "alice@example.com"),
            ("X-WEBAUTH-EMAIL", "admin@example.com"));

        Assert.Equal(401, status);
    }

    [Theory]
    [InlineData("X-WEBAUTH-USER", "alice, admin", "X-WEBAUTH-USER is not one valid user identifier")]
    [InlineData("X-WEBAUTH-USER", "ali\tce", "X-WEBAUTH-USER is not one valid user identifier")]
    [InlineData("X-WEBAUTH-USER", "", "X-WEBAUTH-USER is empty")]
    [InlineData("X-WEBAUTH-EMAIL", "not-an-email", "X-WEBAUTH-EMAIL is not a valid email address")]
    [InlineData("X-WEBAUTH-EMAIL", "Alice <alice@example.com>", "X-WEBAUTH-EMAIL is not a valid email address")]
    [InlineData("X-WEBAUTH-EMAIL", "", "X-WEBAUTH-EMAIL is empty")]
    [InlineData("X-WEBAUTH-NAME", "Alice\tLiddell", "X-WEBAUTH-NAME is not a valid display name")]
    public async Task A_malformed_header_value_from_a_trusted_proxy_fails_with_a_clear_reason_and_a_401(string header, string value, string reason)
    {
        await using var host = await StartAsync(["127.0.0.1"]);
        (string, string)[] headers = header == "X-WEBAUTH-USER"
            ? [(header, value)]
            : [("X-WEBAUTH-USER", "alice"), (header, value)];

        var (status, _) = await RawHttp.GetAsync(host.Client.BaseAddress!, "/whoami", headers);
        var (_, probeBody) = await RawHttp.GetAsync(host.Client.BaseAddress!, "/probe", headers);

        Assert.Equal(401, status);
        Assert.Contains(reason, JsonSerializer.Deserialize<Probe>(probeBody, JsonSerializerOptions.Web)!.Failure);
    }

    [Fact]
    public async Task A_display_name_sent_as_utf8_by_the_proxy_is_read_as_utf8()
    {
        await using var host = await StartAsync(["127.0.0.1"]);

        var (status, body) = await RawHttp.GetAsync(host.Client.BaseAddress!, "/whoami", ("X-WEBAUTH-USER", "zoe"), ("X-WEBAUTH-NAME", "Zoë Ångström"));

        Assert.Equal(200, status);
        Assert.Equal("Zoë Ångström", JsonSerializer.Deserialize<WhoAmI>(body, JsonSerializerOptions.Web)!.Name);
    }

    [Fact]
    public async Task A_user_identifier_longer_than_256_characters_fails_with_a_401()
    {
        await using var host = await StartAsync(["127.0.0.1"]);

        using var response = await host.Client.GetWithHeadersAsync("/whoami", ("X-WEBAUTH-USER", new string('a', 257)));
        var probe = await ProbeAsync(host.Client, ("X-WEBAUTH-USER", new string('a', 257)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(probe.None);
        Assert.Contains("X-WEBAUTH-USER is not one valid user identifier", probe.Failure);
    }

    [Fact]
    public async Task Custom_header_names_are_honoured()
    {
        await using var host = await StartAsync(["127.0.0.1"], configure: options =>
        {
            options.UserHeader = "Remote-User";
            options.EmailHeader = "Remote-Email";
            options.NameHeader = null;
        });

        using var response = await host.Client.GetWithHeadersAsync(
            "/whoami",
            ("Remote-User", "alice"),
            ("Remote-Email", "alice@example.com"),
            ("X-WEBAUTH-NAME", "ignored"));

        var user = await response.ReadJsonAsync<WhoAmI>();
        Assert.Equal("alice", user.Id);
        Assert.Equal("alice@example.com", user.Email);
        Assert.Null(user.Name);
    }

    [Fact]
    public async Task A_peer_on_ipv6_loopback_is_trusted_only_when_listed()
    {
        if (!AuthTestHost.Ipv6LoopbackAvailable())
        {
            Assert.Skip("This machine has no IPv6 loopback.");
        }

        await using var ipv4Only = await StartAsync(["127.0.0.1"], listenOnIpv6: true);
        await using var ipv6Listed = await StartAsync(["::1"], listenOnIpv6: true);

        var ignored = await ProbeAsync(ipv4Only.Ipv6Client!, ("X-WEBAUTH-USER", "alice"));
        var accepted = await ProbeAsync(ipv6Listed.Ipv6Client!, ("X-WEBAUTH-USER", "alice"));
        var ipv4PeerOfIpv6List = await ProbeAsync(ipv6Listed.Client, ("X-WEBAUTH-USER", "alice"));

        Assert.Equal("::1", ignored.RemoteIpAddress);
        Assert.True(ignored.None);
        Assert.True(accepted.Succeeded);
        Assert.True(ipv4PeerOfIpv6List.None);
    }

    private static async Task<Probe> ProbeAsync(HttpClient client, params (string Name, string Value)[] headers)
    {
        using var response = await client.GetWithHeadersAsync("/probe", headers);
        return await response.ReadJsonAsync<Probe>();
    }

    private static Task<AuthTestHost> StartAsync(
        string[] trustedProxies,
        Action<TrustedHeaderOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null,
        Action<WebApplication>? configurePipeline = null,
        bool listenOnIpv6 = false,
        string[]? args = null) =>
        AuthTestHost.StartAsync(
            Scheme,
            builder =>
            {
                configureServices?.Invoke(builder.Services);
                builder.Services.AddAuthentication().AddParleyTrustedHeader(options =>
                {
                    options.TrustedProxies = trustedProxies;
                    configure?.Invoke(options);
                });
            },
            configurePipeline,
            listenOnIpv6,
            args);
}
