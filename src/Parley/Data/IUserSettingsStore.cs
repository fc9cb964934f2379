namespace Parley.Data;

/// <summary>
/// Small per-user values stored as JSON under a key: preferences, an app's saved assistants.
/// Rows go with their user (deleting the user deletes them). Keys are chosen by the app; the
/// user id is always <see cref="Chat.ParleyUser.Id"/> of the signed-in user, never an id the client
/// sent.
/// </summary>
/// <remarks>Values are serialized with <see cref="System.Text.Json.JsonSerializerOptions.Web"/>; keep them small (a few kilobytes).</remarks>
public interface IUserSettingsStore
{
    /// <summary>The value stored for <paramref name="userId"/> under <paramref name="key"/>, or <c>default</c> when there is none.</summary>
    Task<T?> GetAsync<T>(string userId, string key, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> for <paramref name="userId"/> under <paramref name="key"/>, replacing any earlier value.</summary>
    Task SetAsync<T>(string userId, string key, T value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes the value under <paramref name="key"/> without losing a concurrent change: reads it,
    /// calls <paramref name="change"/> with it (null when there is none), and stores the result
    /// only if nobody wrote in between — on any instance; otherwise reads again and calls
    /// <paramref name="change"/> again, so it must have no side effects. <paramref name="change"/>
    /// returns null to leave the value as it is. Returns the value now stored.
    /// </summary>
    /// <exception cref="InvalidOperationException">Other writers kept winning; nothing was stored.</exception>
    Task<T?> UpdateAsync<T>(string userId, string key, Func<T?, T?> change, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Deletes the value under <paramref name="key"/>. False if there was none.</summary>
    Task<bool> DeleteAsync(string userId, string key, CancellationToken cancellationToken = default);
}
