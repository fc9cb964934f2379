using Parley.Tests.Authentication.Modes;
using Parley.Tests.Fixtures;
using Parley.Tests.Infrastructure;

namespace Parley.E2E.Infrastructure;

/// <summary>
/// The flagship sample, samples/Parley.Assistant, run as an operator runs it: the built app in a
/// process of its own on 127.0.0.1, configured only through environment variables, with an
/// OpenAI-compatible fake (<see cref="Model"/>) as its model and a data folder of its own.
/// </summary>
internal sealed class AssistantApp : IAsyncDisposable
{
    public const string SampleName = "Parley.Assistant";
    public const string ApiKey = "sk-e2e-key-never-shown";
    public const string AdminUsername = "admin";
    public const string AdminPassword = "e2e admin password";

    private readonly AppProcess _process;

    private AssistantApp(AppProcess process, string dataDirectory, FakeOpenAiServer model)
    {
        _process = process;
        DataDirectory = dataDirectory;
        Model = model;
    }

    /// <summary>Built-in accounts, open registration, nobody anonymous, and an administrator created at start-up.</summary>
    public static IReadOnlyDictionary<string, string> AccountsWithAdmin { get; } = new Dictionary<string, string>
    {
        ["Parley__Auth__AllowAnonymous"] = "false",
        ["Parley__Auth__Accounts__Enabled"] = "true",
        ["Parley__Auth__Accounts__Registration"] = "Open",
        ["Parley__Auth__Accounts__Admin__Username"] = AdminUsername,
        ["Parley__Auth__Accounts__Admin__Password"] = AdminPassword,
    };

    /// <summary>Where the app listens, e.g. http://127.0.0.1:40123/ (the app is mounted at the root).</summary>
    public Uri BaseAddress => _process.BaseAddress;

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Output => _process.Output;

    public string DataDirectory { get; }

    /// <summary>The model the app talks to: script its replies, read the requests it got.</summary>
    public FakeOpenAiServer Model { get; }

    /// <summary>
    /// Starts a model server, then the app pointed at it through <c>Parley__Llm__*</c> (no retries,
    /// so a scripted failure shows at once) plus <paramref name="environment"/>, which may override them.
    /// </summary>
    public static async Task<AssistantApp> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var model = await FakeOpenAiServer.StartAsync();
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Parley__Llm__BaseUrl"] = model.BaseUrl,
                ["Parley__Llm__ApiKey"] = ApiKey,
                ["Parley__Llm__Model"] = FakeReply.ModelName,
                ["Parley__Llm__MaxRetries"] = "0",
            };
            foreach (var (name, value) in environment)
            {
                settings[name] = value;
            }
            var (process, dataDirectory) = await SampleApps.StartAsync(SampleName, settings);
            return new AssistantApp(process, dataDirectory, model);
        }
        catch
        {
            await model.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await Model.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary folder is cleaned up some other day.
        }
    }
}
