using System.Net;
using System.Text.Json;
using Parley.Protocol;
using Parley.Tests.Authentication.Modes;
using Parley.Tests.Fixtures;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Authentication.TrustedHeader;

/// <summary>
/// Header authentication end to end behind a real nginx: Parley on 127.0.0.1 trusts only the
/// address nginx connects from (127.0.0.2), and nginx sets X-WEBAUTH-USER on every request.
/// </summary>
public sealed class BehindNginxTests
{
    private static Dictionary<string, string?> Settings() => new()
    {
        ["Parley:Auth:Header:Enabled"] = "true",
        ["Parley:Auth:Header:TrustedProxies:0"] = NginxProxy.SourceAddress + "/32",
    };

    private static async Task<Rig> StartAsync()
    {
        NginxProxy.RequireNginx();
        var parley = await ModesTestHost.StartAsync(Settings());
        try
        {
            return new Rig(parley, await NginxProxy.StartAsync(parley.BaseAddress, TestContext.Current.CancellationToken));
        }
        catch
        {
            await parley.DisposeAsync();
            throw;
        }
    }

    /// <summary>Parley and the nginx in front of it.</summary>
    private sealed record Rig(ModesTestHost Parley, NginxProxy Nginx) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Nginx.DisposeAsync();
            await Parley.DisposeAsync();
        }
    }

    private static async Task<(HttpStatusCode Status, string? User)> WhoAsync(HttpClient client, Uri baseAddress, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "api/config"));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
        var body = await response.ReadJsonAsync<JsonElement>();
        var user = body.GetProperty("user");
        return (response.StatusCode, user.ValueKind == JsonValueKind.Null ? null : user.GetProperty("identifier").GetString());
    }

    private static async Task<HttpStatusCode> ThreadsAsync(HttpClient client, Uri baseAddress, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "api/threads"));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_request_through_nginx_is_signed_in_as_the_user_the_proxy_names()
    {
        await using var rig = await StartAsync();
        var (parley, nginx) = (rig.Parley, rig.Nginx);
        using var client = parley.CreateClient();

        var (status, user) = await WhoAsync(client, nginx.BaseAddress, (NginxProxy.SsoUserHeader, "alice"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("alice", user);
        Assert.Equal(HttpStatusCode.OK, await ThreadsAsync(client, nginx.BaseAddress, (NginxProxy.SsoUserHeader, "alice")));
    }

    [Fact]
    public async Task The_same_header_sent_straight_to_kestrel_is_ignored()
    {
        await using var rig = await StartAsync();
        var (parley, nginx) = (rig.Parley, rig.Nginx);
        using var client = parley.CreateClient();

        var (_, user) = await WhoAsync(client, parley.BaseAddress, ("X-WEBAUTH-USER", "alice"));

        Assert.Null(user);
        Assert.Equal(HttpStatusCode.Unauthorized, await ThreadsAsync(client, parley.BaseAddress, ("X-WEBAUTH-USER", "alice")));
        Assert.Contains(parley.Logs.Entries, e => e.EventId.Id == 1200 && e.AllText.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_s_own_user_header_never_gets_through_nginx()
    {
        await using var rig = await StartAsync();
        var (parley, nginx) = (rig.Parley, rig.Nginx);
        using var client = parley.CreateClient();

        var (_, spoofed) = await WhoAsync(client, nginx.BaseAddress, ("X-WEBAUTH-USER", "admin"));
        var (_, overwritten) = await WhoAsync(client, nginx.BaseAddress, ("X-WEBAUTH-USER", "admin"), (NginxProxy.SsoUserHeader, "alice"));

        Assert.Null(spoofed);
        Assert.Equal("alice", overwritten);
    }

    [Fact]
    public async Task A_user_switch_upstream_takes_effect_on_the_next_request()
    {
        await using var rig = await StartAsync();
        var (parley, nginx) = (rig.Parley, rig.Nginx);
        using var client = parley.CreateClient();

        var (_, first) = await WhoAsync(client, nginx.BaseAddress, (NginxProxy.SsoUserHeader, "alice"));
        var (_, second) = await WhoAsync(client, nginx.BaseAddress, (NginxProxy.SsoUserHeader, "bob"));
        var (_, signedOut) = await WhoAsync(client, nginx.BaseAddress);

        Assert.Equal("alice", first);
        Assert.Equal("bob", second);
        Assert.Null(signedOut);
    }

    [Fact]
    public async Task The_hub_through_nginx_chats_as_the_proxy_s_user_and_keeps_the_identity_it_connected_with()
    {
        await using var rig = await StartAsync();
        var (parley, nginx) = (rig.Parley, rig.Nginx);
        await using var hub = await HubClient.ConnectAsync(new Uri(nginx.BaseAddress, "hub"),
            new Dictionary<string, string> { [NginxProxy.SsoUserHeader] = "alice" }, cancellationToken: TestContext.Current.CancellationToken);

        await hub.SendAsync(new StartChat());
        var started = await hub.WaitForAsync<ChatStarted>();
        using var client = parley.CreateClient();
        var (_, restUser) = await WhoAsync(client, nginx.BaseAddress, (NginxProxy.SsoUserHeader, "bob"));
        await hub.SendAsync(new SendUserMessage("c1", "hello"));
        var reply = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);

        Assert.Equal("alice", started.User.Identifier);
        Assert.Equal("bob", restUser);
        // An open connection is not re-authenticated: it stays the user it connected as until it reconnects.
        Assert.Equal("Echo for alice: hello", reply.Step.Output);
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_that_bypasses_nginx()
    {
        await using var rig = await StartAsync();
        var (parley, nginx) = (rig.Parley, rig.Nginx);

        var error = await Assert.ThrowsAsync<HubConnectException>(() => HubClient.ConnectAsync(new Uri(parley.BaseAddress, "hub"),
            new Dictionary<string, string> { ["X-WEBAUTH-USER"] = "alice" }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(401, error.Status);
    }
}
