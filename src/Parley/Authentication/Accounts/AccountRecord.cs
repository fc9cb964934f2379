namespace Parley.Authentication.Accounts;

/// <summary>A built-in account with its user's name and disabled flag; also the user type of the password hasher.</summary>
/// <remarks>Settable properties, not a positional record: SQLite returns integers as Int64, PostgreSQL INTEGER as Int32.</remarks>
internal sealed class AccountRecord
{
    public string UserId { get; set; } = "";
    public string Username { get; set; } = "";
    public string NormalizedUsername { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string SecurityStamp { get; set; } = "";
    public long FailedCount { get; set; }
    public long? LockedUntil { get; set; }
    public long IsAdmin { get; set; }
    public long CreatedAt { get; set; }
    public long PasswordChangedAt { get; set; }

    /// <summary>From <c>users.identifier</c>: what the session's principal is named by.</summary>
    public string Identifier { get; set; } = "";

    /// <summary>From <c>users.display_name</c>.</summary>
    public string? DisplayName { get; set; }

    /// <summary>From <c>users.disabled</c>.</summary>
    public long Disabled { get; set; }
}

/// <summary>What creating an account came to.</summary>
internal enum AccountCreation
{
    Created,
    UsernameTaken,
    InviteInvalid,
}

/// <summary>What creating the first administrator came to.</summary>
internal enum FirstAdminCreation
{
    Created,
    CodeInvalid,
    AlreadySetUp,
    UsernameTaken,
}
