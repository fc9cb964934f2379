namespace Parley.Authentication.Modes;

/// <summary>
/// Trusted-header mode (<c>Parley:Auth:Header</c>): an SSO proxy in front of Parley names the
/// user in request headers. The header settings themselves (<c>TrustedProxies</c>,
/// <c>UserHeader</c>, …) are <see cref="TrustedHeader.TrustedHeaderOptions"/>, bound from the same section.
/// </summary>
public sealed class HeaderModeOptions
{
    /// <summary>
    /// Turns header authentication on (<c>Parley:Auth:Header:Enabled</c>). Calling
    /// <c>AddAuthentication().AddParleyTrustedHeader()</c> turns it on as well. Default false.
    /// When on, nobody gets an anonymous user: a request that does not come through the proxy is not signed in.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Whether a user the proxy names for the first time is created (<c>AutoProvision</c>). When
    /// false, only users that already exist in Parley's user store are let in. Default true.
    /// </summary>
    public bool AutoProvision { get; set; } = true;
}
