using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Authentication.Sessions;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Authentication.Sessions;

/// <summary>
/// One browser against a <see cref="SessionTestHost"/>: a cookie jar, and the antiforgery token
/// it last received (from the config or from signing in), sent on state-changing calls.
/// </summary>
internal sealed class SessionClient : IDisposable
{
    private readonly SessionTestHost _host;
    private string? _antiforgeryHeader;
    private string? _antiforgeryToken;

    public SessionClient(SessionTestHost host, string? forwardedFor = null)
        : this(host, new CookieContainer())
    {
    }

    private SessionClient(SessionTestHost host, CookieContainer cookies)
    {
        _host = host;
        Cookies = cookies;
        var handler = new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false };
        if (host.Certificate is { } certificate)
        {
            handler.ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint;
        }
        Http = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = SessionTestHost.Timeout };
    }

    /// <summary>
    /// This browser, with its cookies and antiforgery token, sending its requests to
    /// <paramref name="other"/>: another instance of the app, or the app after a restart.
    /// </summary>
    public SessionClient MoveTo(SessionTestHost other) =>
        new(other, Cookies) { _antiforgeryHeader = _antiforgeryHeader, _antiforgeryToken = _antiforgeryToken };

    public HttpClient Http { get; }
    public CookieContainer Cookies { get; }

    /// <summary>Whether the next state-changing call sends the antiforgery header.</summary>
    public bool SendAntiforgery { get; set; } = true;

    /// <summary>Extra headers sent on every request (X-Forwarded-For, User-Agent…).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The session cookie the jar holds (either name), or null.</summary>
    public Cookie? SessionCookie =>
        Cookies.GetAllCookies().FirstOrDefault(c => c.Name is ParleySessionDefaults.CookieName or ParleySessionDefaults.SecureCookieName && !c.Expired);

    /// <summary>A Cookie header with this browser's session cookie, for the hub or a replay.</summary>
    public string SessionCookieHeader => SessionCookie is { } c ? $"{c.Name}={c.Value}" : "";

    public async Task<JsonElement> GetConfigAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/config");
        response.EnsureSuccessStatusCode();
        var config = await ReadJsonAsync(response);
        StoreAntiforgery(config.GetProperty("antiforgery"));
        return config;
    }

    /// <summary>GET config (for the antiforgery token), then POST login.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string username, string password, string? returnUrl = null)
    {
        if (_antiforgeryToken is null)
        {
            await GetConfigAsync();
        }
        var response = await PostJsonAsync("api/auth/login", new { username, password, returnUrl });
        await TakeAntiforgeryAsync(response);
        return response;
    }

    public async Task<HttpResponseMessage> RegisterAsync(string username, string password, string? inviteCode = null, string? displayName = null)
    {
        if (_antiforgeryToken is null)
        {
            await GetConfigAsync();
        }
        var response = await PostJsonAsync("api/auth/register", new { username, password, inviteCode, displayName });
        await TakeAntiforgeryAsync(response);
        return response;
    }

    /// <summary>GET config (for the antiforgery token), then POST first-run setup.</summary>
    public async Task<HttpResponseMessage> SetupAsync(string? setupCode, string username, string password, string? displayName = null)
    {
        if (_antiforgeryToken is null)
        {
            await GetConfigAsync();
        }
        var response = await PostJsonAsync("api/auth/setup", new { setupCode, username, password, displayName });
        await TakeAntiforgeryAsync(response);
        return response;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object? body) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body));

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? cookieHeader = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (method != HttpMethod.Get && SendAntiforgery && _antiforgeryHeader is not null)
        {
            request.Headers.TryAddWithoutValidation(_antiforgeryHeader, _antiforgeryToken);
        }
        if (cookieHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookieHeader);
        }
        return await Http.SendAsync(request, Ct).WaitAsync(SessionTestHost.Timeout, Ct);
    }

    /// <summary>Connects to the chat hub with this browser's cookies.</summary>
    public Task<HubClient> ConnectHubAsync(string? cookieHeader = null) =>
        HubClient.ConnectAsync(new Uri(_host.BaseAddress, "hub"), new Dictionary<string, string> { ["Cookie"] = cookieHeader ?? AllCookiesHeader() }, cancellationToken: Ct);

    /// <summary>The body as JSON; may be called again on the same response (the content is buffered).</summary>
    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(Ct).WaitAsync(SessionTestHost.Timeout, Ct));

    private string AllCookiesHeader() => Cookies.GetCookieHeader(_host.BaseAddress);

    private async Task TakeAntiforgeryAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            var body = await ReadJsonAsync(response);
            StoreAntiforgery(body.GetProperty("antiforgery"));
        }
    }

    private void StoreAntiforgery(JsonElement antiforgery)
    {
        _antiforgeryHeader = antiforgery.GetProperty("headerName").GetString();
        _antiforgeryToken = antiforgery.GetProperty("token").GetString();
    }

    public void Dispose() => Http.Dispose();
}
