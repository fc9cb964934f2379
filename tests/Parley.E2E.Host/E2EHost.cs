using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Parley.E2E.Host.Apps;
using Parley.E2E.Host.HostPages;
using Parley.Ui;

namespace Parley.E2E.Host;

/// <summary>
/// Parley with one small deterministic app per UI feature (Chainlit's "one app per e2e feature"),
/// on 127.0.0.1, plus a shop site on another port (another origin) that embeds the copilot.
/// Same-origin extras: <c>/host/widget.html</c> (the copilot on a page of Parley's own origin)
/// and <c>/e2e/elements.js</c> (registers the Card custom element component).
/// </summary>
public sealed class E2EHost : IAsyncDisposable
{
    /// <summary>Every app, by path.</summary>
    public static readonly IReadOnlyList<string> AppPaths =
        [StreamApp.Path, StepsApp.Path, ElementsApp.Path, ActionsApp.Path, AskApp.Path, SettingsApp.Path, ProfilesApp.Path, CopilotApp.Path, RerunApp.Path];

    private const string ElementsScript = """
        (function () {
          var parley = window.Parley;
          if (!parley) return;
          var h = parley.React.createElement;
          parley.registerElement('Card', function (p) {
            var props = p.props || {};
            return h('div', { className: 'e2e-card', 'data-testid': 'custom-card' },
              h('strong', null, String(props.title)), ' ' + String(props.temperature) + ' \u00b0C');
          });
        })();
        """;

    private readonly WebApplication _parley;
    private readonly HostSite _site;
    private readonly bool _ownsDataDirectory;

    private E2EHost(WebApplication parley, HostSite site, string dataDirectory, bool ownsDataDirectory)
    {
        _parley = parley;
        _site = site;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
    }

    /// <summary>Parley's root, e.g. http://127.0.0.1:5123/; apps are under it (…/stream/).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The shop site on another origin that embeds the copilot (token mode).</summary>
    public Uri HostSiteAddress => _site.BaseAddress;

    public string DataDirectory { get; }

    public IServiceProvider Services => _parley.Services;

    /// <summary>The URL of an app, ending in "/".</summary>
    public Uri App(string path) => new(BaseAddress, path.Trim('/') + "/");

    public static async Task<E2EHost> StartAsync(E2EHostSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= new E2EHostSettings();
        var ownsData = settings.DataDirectory is null;
        var dataDirectory = settings.DataDirectory ?? Path.Combine(Path.GetTempPath(), "parley-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);

        // The shop site starts first: Parley's copilot settings need its origin.
        var site = await HostSite.StartAsync(settings.HostSitePort, settings.Verbose, cancellationToken);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = dataDirectory,
            EnvironmentName = Environments.Production,
            ApplicationName = typeof(E2EHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{settings.Port}");
        builder.Logging.ClearProviders();
        if (settings.Verbose)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Copilot tokens as the host site mints them (HS256, shared secret); only the shop's origin gets CORS.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Parley:Auth:Copilot:Enabled"] = "true",
            ["Parley:Auth:Copilot:Secret"] = CopilotTokens.Secret,
            ["Parley:Auth:Copilot:AllowedOrigins:0"] = site.BaseAddress.GetLeftPart(UriPartial.Authority),
            // Every browser context of the run is a new guest from 127.0.0.1, like clients behind one proxy.
            ["Parley:Auth:Login:AnonymousSessionsPerClient"] = "0",
        });
        builder.Services.AddParley(options =>
        {
            options.DataDirectory = dataDirectory;
            options.AppName = "Parley";
            options.Limits.MaxUploadBytes = 256 * 1024;
            options.Limits.MaxFilesPerMessage = 3;
        });
        builder.Services.Configure<ParleyUiOptions>(ui => ui.Scripts.Add("/e2e/elements.js"));

        var app = builder.Build();
        app.UseWebSockets();
        app.MapParley(StreamApp.Path, StreamApp.Configure);
        app.MapParley(StepsApp.Path, StepsApp.Configure);
        app.MapParley(ElementsApp.Path, ElementsApp.Configure);
        app.MapParley(ActionsApp.Path, ActionsApp.Configure);
        app.MapParley(AskApp.Path, AskApp.Configure);
        app.MapParley(SettingsApp.Path, SettingsApp.Configure);
        app.MapParley(ProfilesApp.Path, ProfilesApp.Configure);
        app.MapParley(CopilotApp.Path, CopilotApp.Configure);
        app.MapParley(RerunApp.Path, RerunApp.Configure);
        app.MapGet("/e2e/elements.js", () => Results.Text(ElementsScript, "text/javascript; charset=utf-8"));
        app.MapGet("/host/widget.html", (string? mode, bool? hostile, bool? persist) => Results.Content(
            WidgetHostPage.Render(new WidgetPageOptions(
                ScriptUrl: CopilotApp.Path + "/copilot/index.js",
                ServerUrl: CopilotApp.Path + "/",
                Mode: mode == "sidebar" ? "sidebar" : "floating",
                Hostile: hostile ?? false,
                PersistThread: persist ?? true)),
            "text/html; charset=utf-8"));
        app.MapGet("/", () => Results.Content(
            "<!doctype html><meta charset=utf-8><title>Parley e2e apps</title><ul>"
            + string.Concat(AppPaths.Select(p => $"<li><a href=\"{p}/\">{p}</a></li>"))
            + "<li><a href=\"/host/widget.html\">copilot on a page of this origin</a></li></ul>",
            "text/html; charset=utf-8"));

        var host = new E2EHost(app, site, dataDirectory, ownsData);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        site.ParleyBase = host.BaseAddress;
        return host;
    }

    /// <summary>Runs until the process is asked to stop (Ctrl+C), for running the host by hand.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _parley.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _parley.StopAsync(timeout.Token);
        await _parley.DisposeAsync();
        await _site.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open on a slow machine; the temp folder is cleaned eventually.
            }
        }
    }
}
