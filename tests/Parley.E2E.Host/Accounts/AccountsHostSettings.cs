namespace Parley.E2E.Host.Accounts;

/// <summary>How an <see cref="AccountsHost"/> runs.</summary>
public sealed record AccountsHostSettings
{
    /// <summary>Parley's port on 127.0.0.1; 0 picks a free one. An OpenID Provider needs it known in advance (its redirect URI).</summary>
    public int Port { get; init; }

    /// <summary><c>Parley:Auth:Accounts:Registration</c>: <c>Open</c>, <c>Invite</c> or <c>Closed</c>.</summary>
    public string Registration { get; init; } = "Open";

    /// <summary>An OpenID Provider to offer as "Sign in with Acme SSO" (provider id <c>sso</c>), or null for none.</summary>
    public OidcClientSettings? Oidc { get; init; }

    /// <summary>Log warnings to the console (for running the host by hand).</summary>
    public bool Verbose { get; init; }
}

/// <summary>Parley's client at an OpenID Provider.</summary>
public sealed record OidcClientSettings(string Authority, string ClientId, string ClientSecret);
