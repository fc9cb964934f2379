using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>
/// What a browser does in an OAuth sign-in, over HTTP: one cookie jar for every host, redirects
/// followed one at a time so a test can stop, inspect or tamper with any of them.
/// </summary>
internal sealed partial class TestBrowser : IDisposable
{
    private const int MaxRedirects = 12;

    public TestBrowser()
    {
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            Timeout = OAuthTestApp.Timeout,
        };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public async Task<HttpResponseMessage> GetAsync(Uri url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await Http.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(OAuthTestApp.Timeout, TestContext.Current.CancellationToken);
    }

    /// <summary>GETs <paramref name="url"/> and returns where it redirects to (absolute); fails if it does not.</summary>
    public async Task<Uri> RedirectOfAsync(Uri url, params (string Name, string Value)[] headers)
    {
        using var response = await GetAsync(url, headers);
        return LocationOf(response);
    }

    public static Uri LocationOf(HttpResponseMessage response)
    {
        Assert.True((int)response.StatusCode is >= 300 and < 400, $"Expected a redirect from {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}.");
        return new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
    }

    /// <summary>Starts a sign-in at the app and returns the provider's authorization URL it redirects to.</summary>
    public Task<Uri> StartAsync(OAuthTestApp app, string provider, string? returnUrl = null) =>
        RedirectOfAsync(new Uri(app.AppUri, $"api/auth/oauth/{provider}/start" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl))));

    /// <summary>
    /// At the provider: follows redirects, fills in its login form, and returns the first URL that
    /// leads away from the provider (the app's callback, with code and state), without visiting it.
    /// </summary>
    public async Task<Uri> SignInAtProviderAsync(Uri authorizationUrl, string login, string password)
    {
        var url = authorizationUrl;
        var providerAuthority = authorizationUrl.GetLeftPart(UriPartial.Authority);
        for (var hop = 0; hop < MaxRedirects; hop++)
        {
            using var response = await GetAsync(url);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                url = LocationOf(response);
                if (url.GetLeftPart(UriPartial.Authority) != providerAuthority)
                {
                    return url;
                }
                continue;
            }
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).WaitAsync(OAuthTestApp.Timeout, TestContext.Current.CancellationToken);
            var form = LoginFormAction().Match(html);
            Assert.True(form.Success, $"Expected the provider's login form at {url} ({(int)response.StatusCode}):\n{html}");
            using var post = await Http.PostAsync(
                new Uri(url, form.Groups[1].Value),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = login, ["password"] = password }),
                TestContext.Current.CancellationToken).WaitAsync(OAuthTestApp.Timeout, TestContext.Current.CancellationToken);
            url = LocationOf(post);
        }
        throw new InvalidOperationException("Too many redirects at the provider.");
    }

    /// <summary>The whole sign-in: start, provider login, callback. Returns the callback's response (a redirect).</summary>
    public async Task<HttpResponseMessage> SignInAsync(OAuthTestApp app, string provider, string login, string password, string? returnUrl = null)
    {
        var authorization = await StartAsync(app, provider, returnUrl);
        var callback = await SignInAtProviderAsync(authorization, login, password);
        return await GetAsync(callback);
    }

    /// <summary>The app's /api/config as this browser sees it.</summary>
    public async Task<JsonElement> ConfigAsync(OAuthTestApp app) =>
        await Http.GetFromJsonAsync<JsonElement>(new Uri(app.AppUri, "api/config"), TestContext.Current.CancellationToken)
            .WaitAsync(OAuthTestApp.Timeout, TestContext.Current.CancellationToken);

    /// <summary>The signed-in user's identifier per /api/config, or null.</summary>
    public async Task<string?> SignedInUserAsync(OAuthTestApp app)
    {
        var config = await ConfigAsync(app);
        return config.GetProperty("user").ValueKind == JsonValueKind.Object ? config.GetProperty("user").GetProperty("identifier").GetString() : null;
    }

    /// <summary>A query parameter of <paramref name="url"/>.</summary>
    public static string? Query(Uri url, string name) =>
        QueryHelpers.ParseQuery(url.Query).TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>
    /// Drops the cookies of one server (its session, for example), keeping the others. Cookies
    /// ignore ports, so with everything on 127.0.0.1 this is by name: the provider's cookies.
    /// </summary>
    public void ForgetCookiesOf(Uri server)
    {
        foreach (Cookie cookie in Cookies.GetCookies(server))
        {
            if (!cookie.Name.StartsWith(".parley", StringComparison.Ordinal) && !cookie.Name.StartsWith(".AspNetCore", StringComparison.Ordinal))
            {
                cookie.Expired = true;
            }
        }
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("<form method=\"post\" action=\"(/interaction/[^\"]+/login)\"")]
    private static partial Regex LoginFormAction();
}
