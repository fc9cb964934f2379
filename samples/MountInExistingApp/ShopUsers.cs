using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace MountInExistingApp;

/// <summary>
/// The existing app's users, in memory for the sample: user name, display name and a password
/// hash made with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>.
/// </summary>
internal sealed class ShopUsers
{
    private readonly PasswordHasher<string> _hasher = new();
    private readonly Dictionary<string, (string DisplayName, string Hash)> _users = new(StringComparer.OrdinalIgnoreCase);

    public ShopUsers()
    {
        // Demo accounts; a real app has its own user store.
        Add("alice", "Alice Liddell", "wonderland");
        Add("bob", "Bob Builder", "can-we-fix-it");
    }

    /// <summary>The principal for a correct user name and password, or null.</summary>
    public ClaimsPrincipal? Verify(string? userName, string? password)
    {
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password) || !_users.TryGetValue(userName, out var user)
            || _hasher.VerifyHashedPassword(userName, user.Hash, password) == PasswordVerificationResult.Failed)
        {
            return null;
        }
        // NameIdentifier and Name are what Parley's default IParleyUserMapper reads.
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userName.ToLowerInvariant()), new Claim(ClaimTypes.Name, user.DisplayName)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return new ClaimsPrincipal(identity);
    }

    private void Add(string userName, string displayName, string password) =>
        _users[userName] = (displayName, _hasher.HashPassword(userName, password));
}
