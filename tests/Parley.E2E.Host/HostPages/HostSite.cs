using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Parley.E2E.Host.HostPages;

/// <summary>
/// A customer's shop site on its own origin. Its backend mints copilot tokens for its signed-in
/// user (<c>/token?user=</c>); its page loads Parley's widget from Parley's origin.
/// <c>/?user=ada&amp;token=bad</c> starts the widget with a token Parley must refuse, and
/// <c>/?ttl=20</c> with one that expires within the widget's margin: either way the widget has
/// to fetch a fresh one from <c>/token</c>.
/// </summary>
internal sealed class HostSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostSite(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Parley's root, set once Parley listens.</summary>
    public Uri? ParleyBase { get; set; }

    public static async Task<HostSite> StartAsync(int port, bool verbose, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        if (verbose)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        var app = builder.Build();
        var site = new HostSite(app);
        app.MapGet("/", (string? user, string? token, string? mode, int? ttl) =>
        {
            var parley = site.ParleyBase ?? throw new InvalidOperationException("Parley is not listening yet.");
            var identifier = string.IsNullOrEmpty(user) ? "ada" : user;
            var lifetime = TimeSpan.FromSeconds(Math.Clamp(ttl ?? 600, 1, 3600));
            var initial = token == "bad"
                ? CopilotTokens.Mint(identifier, "Ada", lifetime, secret: "not-the-secret-parley-knows-0123456789")
                : CopilotTokens.Mint(identifier, "Ada", lifetime);
            return Results.Content(WidgetHostPage.Render(new WidgetPageOptions(
                ScriptUrl: new Uri(parley, "copilot/copilot/index.js").AbsoluteUri,
                ServerUrl: new Uri(parley, "copilot/").AbsoluteUri,
                Mode: mode == "sidebar" ? "sidebar" : "floating",
                InitialToken: initial,
                TokenUrl: $"/token?user={Uri.EscapeDataString(identifier)}")), "text/html; charset=utf-8");
        });
        app.MapGet("/token", (string? user) =>
            Results.Text(CopilotTokens.Mint(string.IsNullOrEmpty(user) ? "ada" : user, "Ada", TimeSpan.FromMinutes(10)), "text/plain"));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
