using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Hosting;
using Parley.Runtime;

namespace Parley.Authentication.Accounts;

/// <summary>
/// First-run administrator setup: while built-in accounts have no administrator, start-up prints a
/// link with a one-time code (as Jupyter and Jenkins do), and whoever holds it creates the first
/// administrator in the browser. The code is the proof of being the operator — someone who reaches
/// the server before the operator does cannot claim it — and it is stored hashed in the database,
/// so the link works on every instance.
/// </summary>
internal sealed partial class FirstRunSetup(
    AccountService accounts,
    IOptions<ParleyOptions> options,
    IServiceProvider services,
    ILogger<FirstRunSetup> logger)
{
    /// <summary>How long a printed setup link works; a restart prints a new one.</summary>
    internal static readonly TimeSpan CodeLifetime = TimeSpan.FromDays(1);

    /// <summary>The browser reads the code from the fragment, which never reaches a server log or a Referer header.</summary>
    internal const string LinkFragment = "#setup=";

    // Once an administrator exists, setup never opens again in this process (removing every
    // administrator later does not hand the server to whoever comes first).
    private volatile bool _done;

    /// <summary>Whether this app offers first-run setup at all.</summary>
    public bool Enabled => options.Value.Auth.Accounts is { Enabled: true, FirstRunSetup: true };

    /// <summary>Whether setup is still to be done: enabled and no administrator yet.</summary>
    public async ValueTask<bool> IsPendingAsync(CancellationToken cancellationToken)
    {
        if (!Enabled || _done)
        {
            return false;
        }
        if (await accounts.AnyAdminAsync(cancellationToken))
        {
            _done = true;
            return false;
        }
        return true;
    }

    /// <summary>Records that the first administrator exists.</summary>
    public void Complete() => _done = true;

    /// <summary>At start-up, once the database is migrated: issues a code and prints the link when the server is listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await IsPendingAsync(cancellationToken))
        {
            return;
        }
        var code = await accounts.IssueSetupCodeAsync(CodeLifetime, cancellationToken);
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var link in Links(code))
            {
                Log.Pending(logger, link);
            }
        });
    }

    /// <summary>The setup page of the first mapped app on each address the server listens on.</summary>
    internal IEnumerable<string> Links(string code)
    {
        var app = services.GetService<MappedApps>()?.All.FirstOrDefault();
        var path = (app?.Pattern ?? "") + "/login" + LinkFragment + code;
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return [path];
        }
        return addresses.Select(address => ForBrowser(address) + path);
    }

    /// <summary>A listening address as a browser on this machine reaches it: wildcard hosts become localhost.</summary>
    private static string ForBrowser(string address)
    {
        var uri = address.TrimEnd('/');
        foreach (var wildcard in new[] { "://0.0.0.0", "://[::]", "://+", "://*" })
        {
            uri = uri.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }
        return uri;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.FirstRunSetupPending, Level = LogLevel.Warning,
            Message = "No administrator yet. To set up Parley, open {Link} (valid for a day or until an administrator exists), or run `parley create-admin`.")]
        public static partial void Pending(ILogger logger, string link);
    }
}
