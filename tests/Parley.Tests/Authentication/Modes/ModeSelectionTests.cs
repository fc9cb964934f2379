using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication;
using Parley.Data;
using Parley.Tests.Authentication.Copilot;

namespace Parley.Tests.Authentication.Modes;

/// <summary>How the Parley policy scheme picks the mode for each request, with modes turned on from configuration alone.</summary>
public sealed class ModeSelectionTests
{
    private static Dictionary<string, string?> HeaderSettings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Auth:Header:Enabled"] = "true",
            ["Parley:Auth:Header:TrustedProxies:0"] = "127.0.0.1",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Maps the echo app and <c>/test/stale-session</c>, which signs a user into Parley's session cookie the way a password login would.</summary>
    private static void MapWithSessionSignIn(WebApplication app)
    {
        ModesTestHost.MapEchoApp(app);
        app.MapPost("/test/stale-session", async (HttpContext context) =>
        {
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "stale-user")], ParleyAuthenticationDefaults.SessionScheme);
            await context.SignInAsync(ParleyAuthenticationDefaults.SessionScheme, new ClaimsPrincipal(identity));
        });
    }

    private static async Task<JsonElement> ConfigAsync(HttpClient client, params (string Name, string Value)[] headers)
    {
        using var response = await client.GetWithHeadersAsync("api/config", headers);
        return await response.ReadJsonAsync<JsonElement>();
    }

    private static string? Identifier(JsonElement config) =>
        config.GetProperty("user").ValueKind == JsonValueKind.Null ? null : config.GetProperty("user").GetProperty("identifier").GetString();

    private static string[] Modes(JsonElement config) =>
        [.. config.GetProperty("auth").GetProperty("modes").EnumerateArray().Select(m => m.GetString()!)];

    [Fact]
    public async Task Copilot_mode_turned_on_in_configuration_alone_accepts_tokens_and_is_listed()
    {
        await using var host = await ModesTestHost.StartAsync(CopilotModeTests.Settings());
        using var client = host.CreateClient();

        var config = await ConfigAsync(client, ("Authorization", "Bearer " + CopilotModeTests.Token("erin")));

        Assert.Equal("erin", Identifier(config));
        Assert.Equal(["anonymous", "copilot"], Modes(config));
    }

    [Fact]
    public async Task Without_copilot_mode_a_bearer_token_signs_nobody_in()
    {
        await using var host = await ModesTestHost.StartAsync(new Dictionary<string, string?> { ["Parley:Auth:AllowAnonymous"] = "false" });
        using var client = host.CreateClient();

        using var response = await client.GetWithHeadersAsync("api/threads", ("Authorization", "Bearer " + CopilotModeTests.Token()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(Modes(await ConfigAsync(client)));
    }

    [Fact]
    public async Task Header_mode_turned_on_in_configuration_alone_reads_the_proxy_s_user_and_turns_anonymous_users_off()
    {
        await using var host = await ModesTestHost.StartAsync(HeaderSettings());
        using var client = host.CreateClient();

        var proxied = await ConfigAsync(client, ("X-WEBAUTH-USER", "frank"));
        using var nobody = await client.GetWithHeadersAsync("api/config");

        Assert.Equal("frank", Identifier(proxied));
        Assert.Equal(["header"], Modes(proxied));
        Assert.Null(Identifier(await nobody.ReadJsonAsync<JsonElement>()));
        Assert.False(nobody.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_trusted_proxy_s_user_wins_over_a_stale_session_cookie()
    {
        await using var host = await ModesTestHost.StartAsync(HeaderSettings(), map: MapWithSessionSignIn);
        using var client = host.CreateClient();
        using (var signIn = await client.PostAsync("/test/stale-session", null, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken))
        {
            signIn.EnsureSuccessStatusCode();
        }

        var withUser = await ConfigAsync(client, ("X-WEBAUTH-USER", "grace"));
        var withoutUser = await ConfigAsync(client);

        Assert.Equal("grace", Identifier(withUser));
        // From the proxy, no user header means nobody: the old cookie does not come back.
        Assert.Null(Identifier(withoutUser));
    }

    [Fact]
    public async Task The_proxy_s_user_header_from_an_untrusted_peer_is_ignored()
    {
        await using var host = await ModesTestHost.StartAsync(HeaderSettings().With("Parley:Auth:Header:TrustedProxies:0", "10.9.9.9"));
        using var client = host.CreateClient();

        using var response = await client.GetWithHeadersAsync("api/threads", ("X-WEBAUTH-USER", "mallory"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Without_auto_provisioning_only_users_that_already_exist_are_let_in()
    {
        await using var host = await ModesTestHost.StartAsync(HeaderSettings(("Parley:Auth:Header:AutoProvision", "false")));
        await host.Services.GetRequiredService<IUserStore>().GetOrCreateAsync("known", "Known User", null, TestContext.Current.CancellationToken);
        using var client = host.CreateClient();

        using var stranger = await client.GetWithHeadersAsync("api/threads", ("X-WEBAUTH-USER", "stranger"));
        using var known = await client.GetWithHeadersAsync("api/threads", ("X-WEBAUTH-USER", "known"));

        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Null(await host.Services.GetRequiredService<IUserStore>().FindByIdentifierAsync("stranger", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Calling_AddParleyCopilotToken_turns_copilot_mode_on_without_the_enabled_setting()
    {
        await using var host = await ModesTestHost.StartAsync(
            new Dictionary<string, string?> { ["Parley:Auth:Copilot:Secret"] = TestTokens.Secret },
            builder => builder.Services.AddAuthentication().AddParleyCopilotToken());
        using var client = host.CreateClient();

        var config = await ConfigAsync(client, ("Authorization", "Bearer " + CopilotModeTests.Token("hank")));

        Assert.Equal("hank", Identifier(config));
        Assert.Contains("copilot", Modes(config));
    }

    [Fact]
    public async Task Host_app_mode_maps_the_host_s_principal_through_the_user_mapper()
    {
        await using var host = await StartHostAppAsync(builder => builder.Services.AddSingleton<IParleyUserMapper, EmployeeNumberMapper>());
        using var client = host.CreateClient();
        await SignInToHostAsync(client, "ivy");

        var config = await ConfigAsync(client);

        Assert.Equal("employee-ivy", Identifier(config));
        Assert.Equal(["host"], Modes(config));
    }

    [Fact]
    public async Task Host_app_mode_sends_the_ui_to_the_host_s_login_and_answers_401_to_the_api_and_hub()
    {
        await using var host = await StartHostAppAsync();
        using var client = host.CreateClient();

        using var page = await client.GetAsync("/", TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
        using var api = await client.GetAsync("api/threads", TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
        using var negotiate = await client.PostAsync("hub/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2F", page.Headers.Location.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    [Fact]
    public async Task Host_app_mode_tries_the_listed_schemes_in_order()
    {
        await using var host = await StartHostAppAsync(builder =>
        {
            builder.Configuration["Parley:Auth:HostApp:Schemes:0"] = "HostCookie";
            builder.Configuration["Parley:Auth:HostApp:Schemes:1"] = "ApiKey";
            builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>("ApiKey", null);
        });
        using var client = host.CreateClient();

        var config = await ConfigAsync(client, ("X-Api-Key", "robot-1"));

        Assert.Equal("robot-1", Identifier(config));
    }

    [Fact]
    public async Task Host_app_mode_without_a_default_scheme_stops_start_up_naming_the_setting()
    {
        var builder = ModesTestHost.CreateBuilder(new Dictionary<string, string?> { ["Parley:Auth:HostApp:Enabled"] = "true" }, out _);
        builder.Services.AddParley();
        builder.Services.AddAuthentication().AddCookie("HostCookie");

        var error = await ModesTestHost.StartExpectingFailureAsync(builder);

        Assert.Contains("Parley:Auth:HostApp:Schemes must name the host app's authentication scheme", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_app_mode_naming_an_unknown_scheme_stops_start_up_naming_the_setting()
    {
        var builder = ModesTestHost.CreateBuilder(new Dictionary<string, string?>
        {
            ["Parley:Auth:HostApp:Enabled"] = "true",
            ["Parley:Auth:HostApp:Schemes:0"] = "Nope",
        }, out _);
        builder.Services.AddParley();

        var error = await ModesTestHost.StartExpectingFailureAsync(builder);

        Assert.Contains("Parley:Auth:HostApp:Schemes names 'Nope', which is not a registered authentication scheme", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*", "Parley:Auth:Copilot:AllowedOrigins:0 ('*') is a wildcard")]
    [InlineData("null", "Parley:Auth:Copilot:AllowedOrigins:0 ('null') is 'null'")]
    [InlineData("https://shop.example.test/", "Parley:Auth:Copilot:AllowedOrigins:0 ('https://shop.example.test/') is not an origin")]
    [InlineData("shop.example.test", "Parley:Auth:Copilot:AllowedOrigins:0 ('shop.example.test') is not an origin")]
    public async Task A_copilot_origin_that_is_not_one_exact_origin_stops_start_up(string origin, string expected)
    {
        var builder = ModesTestHost.CreateBuilder(CopilotModeTests.Settings(("Parley:Auth:Copilot:AllowedOrigins:0", origin)), out _);
        builder.Services.AddParley();

        var error = await ModesTestHost.StartExpectingFailureAsync(builder);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copilot_origins_without_copilot_mode_stop_start_up()
    {
        var builder = ModesTestHost.CreateBuilder(new Dictionary<string, string?> { ["Parley:Auth:Copilot:AllowedOrigins:0"] = "https://shop.example.test" }, out _);
        builder.Services.AddParley();

        var error = await ModesTestHost.StartExpectingFailureAsync(builder);

        Assert.Contains("Parley:Auth:Copilot:AllowedOrigins is set but copilot tokens are off", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copilot_mode_turned_on_without_a_secret_stops_start_up_naming_the_setting()
    {
        var builder = ModesTestHost.CreateBuilder(new Dictionary<string, string?> { ["Parley:Auth:Copilot:Enabled"] = "true" }, out _);
        builder.Services.AddParley();

        var error = await ModesTestHost.StartExpectingFailureAsync(builder);

        Assert.Contains("Parley:Auth:Copilot:Secret must be at least 32 bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_mode_turned_on_without_trusted_proxies_stops_start_up_naming_the_setting()
    {
        var builder = ModesTestHost.CreateBuilder(new Dictionary<string, string?> { ["Parley:Auth:Header:Enabled"] = "true" }, out _);
        builder.Services.AddParley();

        var error = await ModesTestHost.StartExpectingFailureAsync(builder);

        Assert.Contains("Parley:Auth:Header:TrustedProxies must list at least one proxy", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Modes_that_are_off_need_no_settings_at_all()
    {
        await using var host = await ModesTestHost.StartAsync(new Dictionary<string, string?>());
        using var client = host.CreateClient();

        Assert.Equal(["anonymous"], Modes(await ConfigAsync(client)));
    }

    private static Task<ModesTestHost> StartHostAppAsync(Action<WebApplicationBuilder>? configure = null) =>
        ModesTestHost.StartAsync(
            new Dictionary<string, string?> { ["Parley:Auth:HostApp:Enabled"] = "true" },
            builder =>
            {
                builder.Services.AddAuthentication("HostCookie").AddCookie("HostCookie", cookie => cookie.LoginPath = "/login");
                configure?.Invoke(builder);
            },
            app =>
            {
                ModesTestHost.MapEchoApp(app);
                app.MapPost("/login/{name}", async (HttpContext context, string name) =>
                {
                    var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim("employee_number", "employee-" + name)], "HostCookie");
                    await context.SignInAsync("HostCookie", new ClaimsPrincipal(identity));
                });
            });

    private static async Task SignInToHostAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsync($"/login/{name}", null, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A host whose users are identified by an employee number claim, not a name identifier.</summary>
    private sealed class EmployeeNumberMapper : IParleyUserMapper
    {
        public ValueTask<MappedUser?> MapAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
            ValueTask.FromResult(principal.FindFirstValue("employee_number") is { } number
                ? new MappedUser(number, principal.Identity?.Name, null)
                : null);
    }

    /// <summary>A second host scheme: the caller named in X-Api-Key.</summary>
    private sealed class ApiKeyHandler(
        Microsoft.Extensions.Options.IOptionsMonitor<AuthenticationSchemeOptions> options,
        Microsoft.Extensions.Logging.ILoggerFactory logger,
        System.Text.Encodings.Web.UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var key = Request.Headers["X-Api-Key"].ToString();
            return Task.FromResult(key.Length == 0
                ? AuthenticateResult.NoResult()
                : AuthenticateResult.Success(new AuthenticationTicket(
                    new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, key)], Scheme.Name)), Scheme.Name)));
        }
    }
}

internal static class SettingsExtensions
{
    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, string key, string value)
    {
        settings[key] = value;
        return settings;
    }
}
