using System.Security.Claims;

namespace Parley.Authentication.Modes;

/// <summary>Whether a principal seen for the first time may become a new Parley user.</summary>
internal static class AuthModeProvisioning
{
    /// <summary>
    /// Always, except for users named by a trusted proxy when <c>Parley:Auth:Header:AutoProvision</c>
    /// is false: then only users that already exist are let in.
    /// </summary>
    public static bool MayCreate(ClaimsPrincipal principal, ParleyAuthModes modes) =>
        modes.HeaderAutoProvision || !ParleyAuthModes.IsHeaderPrincipal(principal);
}
