namespace Parley.Authentication.Accounts;

/// <summary>
/// Built-in accounts (<c>Parley:Auth:Accounts</c>): user names and password hashes kept by Parley,
/// with registration, lockout and administrators.
/// </summary>
public sealed class AccountOptions
{
    /// <summary>The configuration section.</summary>
    public const string ConfigurationSection = "Parley:Auth:Accounts";

    /// <summary>Whether built-in accounts are on. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Who may create an account: <c>Closed</c> (the default), <c>Invite</c> or <c>Open</c>.</summary>
    public RegistrationMode Registration { get; set; } = RegistrationMode.Closed;

    /// <summary>The shortest password accepted. Default 8; at least 8.</summary>
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>Wrong passwords in a row that lock an account for <see cref="LockoutDuration"/>. Default 5.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account refuses every password, the right one included. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an invite code stays usable. Default 7 days.</summary>
    public TimeSpan InviteLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Whether, while no administrator exists, start-up prints a one-time setup link whose holder
    /// creates the first administrator in the browser. Default true. The link's code is valid for
    /// a day or until an administrator exists; a restart prints a new one.
    /// </summary>
    public bool FirstRunSetup { get; set; } = true;

    /// <summary>The first administrator, created at start-up when no administrator exists yet.</summary>
    public AdminAccountOptions Admin { get; set; } = new();
}

/// <summary>Who may register (<c>Parley:Auth:Accounts:Registration</c>).</summary>
public enum RegistrationMode
{
    /// <summary>Nobody: accounts are created by an administrator's tools only.</summary>
    Closed,
    /// <summary>Whoever has an unused invite code an administrator created.</summary>
    Invite,
    /// <summary>Anybody.</summary>
    Open,
}

/// <summary>
/// The first administrator (<c>Parley:Auth:Accounts:Admin</c>). Applied once, at start-up, only
/// while no administrator exists; remove the password from configuration afterwards.
/// </summary>
public sealed class AdminAccountOptions
{
    /// <summary>The administrator's user name.</summary>
    public string? Username { get; set; }

    /// <summary>The administrator's initial password.</summary>
    public string? Password { get; set; }
}
