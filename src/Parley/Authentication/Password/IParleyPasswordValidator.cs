namespace Parley.Authentication.Password;

/// <summary>
/// The app's own password check (like Chainlit's <c>password_auth_callback</c>), registered with
/// <c>AddParleyPasswordLogin</c>. Parley calls it for <c>POST {app}/api/auth/login</c> after
/// throttling, and signs the returned user in to a new browser session.
/// </summary>
public interface IParleyPasswordValidator
{
    /// <summary>
    /// The user, or null to refuse. The caller sees the same answer for every refusal; do not
    /// throw to say why. Compare secrets in constant time (a password hasher does).
    /// </summary>
    ValueTask<ParleyUserInfo?> ValidateAsync(string username, string password, CancellationToken cancellationToken);
}
