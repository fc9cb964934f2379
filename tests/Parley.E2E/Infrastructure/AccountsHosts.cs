using Parley.Tests.Fixtures;
using Parley.E2E.Host.Accounts;

namespace Parley.E2E.Infrastructure;

/// <summary>
/// The accounts hosts, started on first use and shared by the tests that need them: one with open
/// registration and an OpenID Provider ("Sign in with Acme SSO"), one where registration is by
/// invite. Without Node the first runs without the provider, and the OAuth tests skip.
/// </summary>
public sealed class AccountsHosts : IAsyncDisposable
{
    public const string ClientSecret = "e2e-oidc-client-secret-0123456789";

    /// <summary>The provider's one account; Parley names the user "sso:grace".</summary>
    public static readonly OidcAccount Grace = new("grace", "grace password", new Dictionary<string, object>
    {
        ["email"] = "grace@acme.example",
        ["email_verified"] = true,
        ["name"] = "Grace Hopper",
    });

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccountsHost? _open;
    private AccountsHost? _inviteOnly;

    /// <summary>The provider, once <see cref="OpenAsync"/> started it; null without Node.</summary>
    public OidcProvider? Provider { get; private set; }

    /// <summary>Why there is no provider, or null.</summary>
    public string? ProviderUnavailable { get; private set; }

    /// <summary>Open registration, the administrator, and the OpenID Provider when Node is there.</summary>
    public async Task<AccountsHost> OpenAsync()
    {
        await _gate.WaitAsync().WaitAsync(StartTimeout);
        try
        {
            if (_open is not null)
            {
                return _open;
            }
            using var timeout = new CancellationTokenSource(StartTimeout);
            var port = OidcProvider.FreePort();
            ProviderUnavailable = OidcProvider.Unavailable();
            if (ProviderUnavailable is not null && ChromiumLocator.IsCi)
            {
                throw new InvalidOperationException(ProviderUnavailable);
            }
            OidcClientSettings? oidc = null;
            if (ProviderUnavailable is null)
            {
                var providerPort = OidcProvider.FreePort();
                var home = $"http://127.0.0.1:{port}{Host.Apps.TeamApp.Path}/";
                Provider = await OidcProvider.StartAsync(
                    new OidcProviderSettings([new OidcClient("parley", ClientSecret, [AccountsHost.CallbackUri(port)], [home])], [Grace]),
                    providerPort,
                    timeout.Token);
                oidc = new OidcClientSettings(Provider.Issuer, "parley", ClientSecret);
            }
            _open = await AccountsHost.StartAsync(new AccountsHostSettings { Port = port, Registration = "Open", Oidc = oidc }, timeout.Token);
            return _open;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Registration by invite only; no OAuth.</summary>
    public async Task<AccountsHost> InviteOnlyAsync()
    {
        await _gate.WaitAsync().WaitAsync(StartTimeout);
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            return _inviteOnly ??= await AccountsHost.StartAsync(new AccountsHostSettings { Registration = "Invite" }, timeout.Token);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_open is not null)
        {
            await _open.DisposeAsync();
        }
        if (_inviteOnly is not null)
        {
            await _inviteOnly.DisposeAsync();
        }
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
        _gate.Dispose();
    }
}
