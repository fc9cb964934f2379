namespace Parley.Authentication.Sessions;

/// <summary>
/// Lists and ends browser sessions. Ending a session refuses its cookie from then on (REST and
/// chat hub alike) and closes its open chat connections: at once on this instance, within
/// <see cref="BrowserSessionOptions.RevalidationInterval"/> on others.
/// </summary>
/// <remarks>User ids are Parley's (<see cref="Chat.ParleyUser.Id"/>), not sign-in identifiers.</remarks>
public interface IParleySessionManager
{
    /// <summary>The user's open sessions, newest first.</summary>
    Task<IReadOnlyList<ParleySessionInfo>> ListAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Ends one session of the user; false when the user has no such open session.</summary>
    Task<bool> RevokeAsync(string userId, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends every session of the user except <paramref name="exceptSessionId"/>, if given. With no
    /// exception, the user's live chats end too. Returns how many sessions ended.
    /// </summary>
    Task<int> RevokeAllAsync(string userId, string? exceptSessionId = null, CancellationToken cancellationToken = default);
}
