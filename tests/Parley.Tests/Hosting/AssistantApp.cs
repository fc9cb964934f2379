using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Protocol;
using Parley.Tests.Authentication.Modes;
using Parley.Tests.Fixtures;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

/// <summary>
/// samples/Parley.Assistant run as a process the way a team server runs it: built-in accounts,
/// an administrator created at start-up from configuration, no anonymous guests. Users sign in
/// over HTTP as the web UI does and open the hub with their session cookie.
/// </summary>
internal sealed class AssistantApp : IAsyncDisposable
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "assistant-tests-admin-password-0123";
    public const string UserPassword = "assistant-tests-user-password-4567";

    private readonly string _dataDirectory;

    private AssistantApp(AppProcess process, string dataDirectory)
    {
        Process = process;
        _dataDirectory = dataDirectory;
    }

    public AppProcess Process { get; }
    public Uri BaseAddress => Process.BaseAddress;

    /// <summary>
    /// Starts the app. With <paramref name="model"/>, <c>Parley:Llm</c> points at it (model
    /// <see cref="FakeReply.ModelName"/>, no retries); without, the offline demo model answers.
    /// <paramref name="settings"/> are more environment variables, applied last.
    /// </summary>
    public static async Task<AssistantApp> StartAsync(FakeOpenAiServer? model = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var environment = new Dictionary<string, string>
        {
            ["Parley__Auth__Accounts__Enabled"] = "true",
            ["Parley__Auth__AllowAnonymous"] = "false",
            ["Parley__Auth__Accounts__Admin__Username"] = AdminUsername,
            ["Parley__Auth__Accounts__Admin__Password"] = AdminPassword,
        };
        if (model is not null)
        {
            environment["Parley__Llm__BaseUrl"] = model.BaseUrl;
            environment["Parley__Llm__ApiKey"] = "sk-test-key-never-shown";
            environment["Parley__Llm__Model"] = FakeReply.ModelName;
            environment["Parley__Llm__MaxRetries"] = "0";
        }
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }
        var dll = SampleApps.Dll("Parley.Assistant");
        try
        {
            var process = await AppProcess.StartAsync("dotnet", [dll], Path.GetDirectoryName(dll)!, data, TimeSpan.FromSeconds(60), environment);
            return new AssistantApp(process, data);
        }
        catch
        {
            DeleteDirectory(data);
            throw;
        }
    }

    /// <summary>Signs the administrator in.</summary>
    public Task<ApiClient> SignInAdminAsync() => SignInAsync(AdminUsername, AdminPassword);

    /// <summary>Signs a user in with <c>POST api/auth/login</c>; the client keeps the session cookie and the antiforgery token bound to the user.</summary>
    public Task<ApiClient> SignInAsync(string username, string password) =>
        AuthenticateAsync("api/auth/login", new { username, password }, HttpStatusCode.OK);

    /// <summary>Creates an account with <c>POST api/auth/register</c> (needs <c>Parley:Auth:Accounts:Registration=Open</c>), signed in.</summary>
    public Task<ApiClient> RegisterAsync(string username) =>
        AuthenticateAsync("api/auth/register", new { username, password = UserPassword }, HttpStatusCode.Created);

    /// <summary>A client that is not signed in (it has the anonymous antiforgery token from the config).</summary>
    public Task<ApiClient> AnonymousAsync() => ApiClient.CreateAsync(BaseAddress, TestContext.Current.CancellationToken);

    /// <summary>Opens the chat hub with <paramref name="user"/>'s session cookie.</summary>
    public Task<HubClient> ConnectHubAsync(ApiClient user) =>
        HubClient.ConnectAsync(new Uri(BaseAddress, "hub"), new Dictionary<string, string> { ["Cookie"] = user.Cookies.GetCookieHeader(BaseAddress) },
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Creates or replaces <paramref name="user"/>'s assistant <paramref name="name"/> through <c>PUT api/assistants/{name}</c>.</summary>
    public static async Task PutAssistantAsync(ApiClient user, string name, string instructions, string? model = null)
    {
        using var response = await user.Http.PutAsJsonAsync("api/assistants/" + Uri.EscapeDataString(name), new { instructions, model }, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"PUT {name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    /// <summary>Starts a chat, with <paramref name="profile"/> or in <paramref name="threadId"/>, and waits until its start hook has run (the model select is set by then).</summary>
    public static async Task<ChatStarted> StartChatAsync(HubClient hub, string? profile = null, string? threadId = null)
    {
        var ack = await hub.SendAsync(new StartChat(threadId, profile));
        Assert.True(ack.Ok, ack.Message);
        var started = await hub.WaitForAsync<ChatStarted>();
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        return started;
    }

    /// <summary>Sends a message and waits until the run it started has ended: the reply, and the title after a first reply.</summary>
    public static async Task AskAsync(HubClient hub, string text)
    {
        var ack = await hub.SendAsync(new SendUserMessage(Guid.NewGuid().ToString("N"), text));
        Assert.True(ack.Ok, ack.Message);
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
    }

    private async Task<ApiClient> AuthenticateAsync(string path, object body, HttpStatusCode expected)
    {
        var client = await ApiClient.CreateAsync(BaseAddress, TestContext.Current.CancellationToken);
        try
        {
            using var response = await client.Http.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
            var answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == expected, $"{path} answered {(int)response.StatusCode}: {answer}");
            client.UseAntiforgery(JsonDocument.Parse(answer).RootElement.GetProperty("antiforgery"));
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        DeleteDirectory(_dataDirectory);
    }

    /// <summary>An assistant as <c>api/assistants</c> shows it.</summary>
    internal sealed record AssistantDto(string Name, string Instructions, string? Model);

    private static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temp folder is cleaned eventually.
        }
    }
}
