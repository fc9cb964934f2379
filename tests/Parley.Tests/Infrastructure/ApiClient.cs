using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Parley.Tests.Infrastructure;

/// <summary>An HTTP client for one user, with cookies and the antiforgery header the web UI would send.</summary>
internal sealed class ApiClient : IDisposable
{
    private ApiClient(HttpClient http, CookieContainer cookies)
    {
        Http = http;
        Cookies = cookies;
    }

    public HttpClient Http { get; }
    public CookieContainer Cookies { get; }

    public static async Task<ApiClient> CreateAsync(ParleyTestServer server, string? user, string appPath = "", bool antiforgery = true)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(server.BaseAddress, appPath.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (user is not null)
        {
            http.DefaultRequestHeaders.Add(TestAuthHandler.Header, user);
        }
        var client = new ApiClient(http, cookies);
        if (antiforgery)
        {
            var config = await http.GetFromJsonAsync<JsonElement>("api/config");
            if (config.TryGetProperty("antiforgery", out var token) && token.ValueKind == JsonValueKind.Object)
            {
                client.UseAntiforgery(token);
            }
        }
        return client;
    }

    /// <summary>A browser-like client of an app in a process of its own: cookies, and the antiforgery header from its <c>/api/config</c>.</summary>
    public static async Task<ApiClient> CreateAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var client = new ApiClient(http, cookies);
        var config = await http.GetFromJsonAsync<JsonElement>("api/config", cancellationToken);
        client.UseAntiforgery(config.GetProperty("antiforgery"));
        return client;
    }

    /// <summary>Sends <paramref name="token"/> (<c>{ headerName, token }</c>, from the config or a sign-in answer) with every later request.</summary>
    public void UseAntiforgery(JsonElement token)
    {
        var name = token.GetProperty("headerName").GetString()!;
        Http.DefaultRequestHeaders.Remove(name);
        Http.DefaultRequestHeaders.Add(name, token.GetProperty("token").GetString());
    }

    public void Dispose() => Http.Dispose();
}
