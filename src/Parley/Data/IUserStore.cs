namespace Parley.Data;

/// <summary>Stores users.</summary>
public interface IUserStore
{
    /// <summary>Finds a user by id.</summary>
    Task<UserRecord?> FindByIdAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Finds a user by their unique identifier.</summary>
    Task<UserRecord?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the user with this identifier, creating it first if there is none. Safe when two
    /// requests provision the same identifier at once: both get the same row.
    /// </summary>
    Task<UserRecord> GetOrCreateAsync(string identifier, string? displayName, string? metadata, CancellationToken cancellationToken = default);

    /// <summary>Updates display name, metadata and the disabled flag of an existing user.</summary>
    Task UpdateAsync(UserRecord user, CancellationToken cancellationToken = default);
}
