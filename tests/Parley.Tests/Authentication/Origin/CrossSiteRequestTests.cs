using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Parley.Protocol;
using Parley.Tests.Authentication.Modes;

namespace Parley.Tests.Authentication.Origin;

/// <summary>
/// Cross-site request forgery: a page on another site can make the visitor's browser send
/// forms and fetches to Parley with the session cookie. Two independent controls refuse them:
/// the Origin check (403) and the antiforgery header every state-changing call needs (400).
/// </summary>
public sealed class CrossSiteRequestTests
{
    private const string Evil = "https://evil.example.test";

    private static Dictionary<string, string?> Settings() => new() { ["Parley:Auth:AllowAnonymous"] = "true" };

    /// <summary>A thread with an image element, made by the browser session over the hub.</summary>
    private static async Task<(string ThreadId, string ElementId)> ChatAsync(ModesTestHost host, BrowserSession browser)
    {
        await using var hub = await host.ConnectAsync(new Dictionary<string, string> { ["Cookie"] = host.CookieHeader(browser.Cookies) });
        await hub.SendAsync(new StartChat());
        var started = await hub.WaitForAsync<ChatStarted>();
        await hub.SendAsync(new SendUserMessage("c1", "image"));
        var element = (await hub.WaitForAsync<ElementEvent>()).Element;
        await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);
        return (started.ThreadId, element.Id);
    }

    private static async Task<HttpResponseMessage> SendAsync(BrowserSession browser, HttpMethod method, string path, HttpContent? content = null,
        string? origin = null, bool antiforgery = false, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        if (antiforgery)
        {
            request.Headers.TryAddWithoutValidation(browser.AntiforgeryHeader, browser.AntiforgeryToken);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await browser.Client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
    }

    private static MultipartFormDataContent FileForm()
    {
        var file = new ByteArrayContent("planted by another site"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        return new MultipartFormDataContent { { file, "files", "note.txt" } };
    }

    private static async Task<string> StateAsync(BrowserSession browser, string threadId)
    {
        var threads = await browser.Client.GetStringAsync("api/threads", TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
        var thread = await browser.Client.GetStringAsync($"api/threads/{threadId}", TestContext.Current.CancellationToken).WaitAsync(ModesTestHost.Timeout, TestContext.Current.CancellationToken);
        return threads + thread;
    }

    [Fact]
    public async Task A_cross_site_url_encoded_form_post_is_refused()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["files"] = "x" });

        using var response = await SendAsync(browser, HttpMethod.Post, "api/files", form, Evil);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_cross_site_multipart_form_post_is_refused_and_stores_nothing()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();
        // Only the file store: the database's WAL and shared-memory files come and go on their own.
        var store = Path.Combine(host.DataDirectory, "files");
        int StoredFiles() => Directory.Exists(store) ? Directory.GetFiles(store, "*", SearchOption.AllDirectories).Length : 0;
        var filesBefore = StoredFiles();
        using var form = FileForm();

        using var response = await SendAsync(browser, HttpMethod.Post, "api/files", form, Evil);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(filesBefore, StoredFiles());
    }

    [Fact]
    public async Task A_cross_site_fetch_cannot_delete_or_rename_even_with_a_stolen_antiforgery_token()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();
        var (threadId, _) = await ChatAsync(host, browser);
        var before = await StateAsync(browser, threadId);

        using var delete = await SendAsync(browser, HttpMethod.Delete, $"api/threads/{threadId}", origin: Evil, antiforgery: true);
        using var rename = await SendAsync(browser, HttpMethod.Patch, $"api/threads/{threadId}",
            new StringContent("""{"name":"pwned"}""", System.Text.Encoding.UTF8, "application/json"), Evil, antiforgery: true);

        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rename.StatusCode);
        Assert.Equal(before, await StateAsync(browser, threadId));
    }

    [Fact]
    public async Task A_form_post_without_an_origin_still_needs_the_antiforgery_header()
    {
        // Some privacy tools strip Origin; the antiforgery token is the second line.
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();
        using var withoutToken = FileForm();
        using var withToken = FileForm();

        using var refused = await SendAsync(browser, HttpMethod.Post, "api/files", withoutToken);
        using var accepted = await SendAsync(browser, HttpMethod.Post, "api/files", withToken, host.Origin, antiforgery: true);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_bearer_header_parley_did_not_use_exempts_nothing_from_antiforgery()
    {
        // Copilot mode is off, so the bearer header is ignored and the cookie signs the request in.
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();
        var (threadId, _) = await ChatAsync(host, browser);

        using var response = await SendAsync(browser, HttpMethod.Delete, $"api/threads/{threadId}", headers: ("Authorization", "Bearer anything"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Safe_methods_never_change_state()
    {
        await using var host = await ModesTestHost.StartAsync(Settings());
        using var browser = await host.StartBrowserSessionAsync();
        var (threadId, elementId) = await ChatAsync(host, browser);
        var before = await StateAsync(browser, threadId);
        var stepId = JsonDocument.Parse(await browser.Client.GetStringAsync($"api/threads/{threadId}", TestContext.Current.CancellationToken))
            .RootElement.GetProperty("steps")[0].GetProperty("id").GetString();

        string[] paths =
        [
            "api/config", "api/threads", $"api/threads/{threadId}", $"api/elements/{elementId}",
            $"api/threads/{threadId}?_method=DELETE", $"api/steps/{stepId}/feedback", "api/files",
        ];
        foreach (var path in paths)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                using var response = await SendAsync(browser, method, path, origin: Evil, headers: ("X-HTTP-Method-Override", "DELETE"));
                using var own = await SendAsync(browser, method, path, headers: ("X-HTTP-Method-Override", "DELETE"));
            }
        }

        Assert.Equal(before, await StateAsync(browser, threadId));
    }
}
