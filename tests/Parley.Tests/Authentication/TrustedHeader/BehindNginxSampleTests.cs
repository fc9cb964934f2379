using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Parley.Tests.Authentication.Modes;
using Parley.Tests.Fixtures;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Authentication.TrustedHeader;

/// <summary>samples/BehindNginx as its README runs it: its appsettings.json, its nginx.conf (basic auth standing in for SSO).</summary>
public sealed class BehindNginxSampleTests
{
    private static string SampleFolder => Path.Combine(AppProcess.RepositoryRoot, "samples", "BehindNginx");

    /// <summary>The sample's nginx.conf, pointed at the sample's port and this run's free port.</summary>
    private static string Configuration(string directory, int port, Uri sample)
    {
        var config = File.ReadAllText(Path.Combine(SampleFolder, "nginx.conf"))
            .Replace("listen 127.0.0.1:8080;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal)
            .Replace("proxy_pass http://127.0.0.1:5080;", $"proxy_pass http://{sample.Authority};", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(directory, "htpasswd"), "alice:{PLAIN}wonderland\n");
        return NginxProxy.UserDirective + "\n" + config;
    }

    private static async Task<(HttpStatusCode Status, string? User)> WhoAsync(Uri baseAddress, AuthenticationHeaderValue? authorization, params (string Name, string Value)[] headers)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = ModesTestHost.Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/config");
        request.Headers.Authorization = authorization;
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null);
        }
        var user = (await response.ReadJsonAsync<JsonElement>()).GetProperty("user");
        return (response.StatusCode, user.ValueKind == JsonValueKind.Null ? null : user.GetProperty("identifier").GetString());
    }

    [Fact]
    public async Task The_sample_signs_in_whom_nginx_authenticated_and_ignores_the_header_sent_around_nginx()
    {
        NginxProxy.RequireNginx();
        var (sample, dataDirectory) = await SampleApps.StartAsync("BehindNginx");
        await using var _ = sample;
        await using var nginx = await NginxProxy.StartAsync((directory, port) => Configuration(directory, port, sample.BaseAddress), TestContext.Current.CancellationToken);
        var alice = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:wonderland")));

        var throughNginx = await WhoAsync(nginx.BaseAddress, alice);
        var withoutPassword = await WhoAsync(nginx.BaseAddress, null, ("X-WEBAUTH-USER", "alice"));
        var aroundNginx = await WhoAsync(sample.BaseAddress, null, ("X-WEBAUTH-USER", "alice"));

        Assert.Equal((HttpStatusCode.OK, "alice"), throughNginx);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutPassword.Status);
        Assert.Equal((HttpStatusCode.OK, (string?)null), aroundNginx);
        Directory.Delete(dataDirectory, recursive: true);
    }
}
