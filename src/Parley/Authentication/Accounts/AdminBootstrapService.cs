using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Hosting;

namespace Parley.Authentication.Accounts;

/// <summary>
/// At start-up (after the migrations, which run in <c>StartingAsync</c>), creates the administrator
/// from <c>Parley:Auth:Accounts:Admin</c> if no administrator exists yet; with none after that,
/// opens first-run setup.
/// </summary>
internal sealed partial class AdminBootstrapService(AccountService accounts, FirstRunSetup setup, IOptions<ParleyOptions> options, ILogger<AdminBootstrapService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Auth.Accounts;
        if (!settings.Enabled)
        {
            return;
        }
        accounts.WarmUp();
        if (!string.IsNullOrEmpty(settings.Admin.Username) && !string.IsNullOrEmpty(settings.Admin.Password)
            && !await accounts.AnyAdminAsync(cancellationToken))
        {
            await accounts.SetAdminAsync(settings.Admin.Username, settings.Admin.Password, cancellationToken);
            Log.Bootstrapped(logger, settings.Admin.Username);
        }
        await setup.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.AdminBootstrapped, Level = LogLevel.Warning,
            Message = "Created administrator {Username} from Parley:Auth:Accounts:Admin. Remove the password from configuration now: it is not used again.")]
        public static partial void Bootstrapped(ILogger logger, string username);
    }
}
