namespace Parley.Authentication.TrustedHeader;

/// <summary>Constants and defaults of trusted-header authentication.</summary>
public static class TrustedHeaderDefaults
{
    /// <summary>The default scheme name: <c>Parley.Header</c>.</summary>
    public const string AuthenticationScheme = "Parley.Header";

    /// <summary>The configuration section the options are bound from: <c>Parley:Auth:Header</c>.</summary>
    public const string ConfigurationSection = "Parley:Auth:Header";

    /// <summary>The value of the <see cref="ParleyClaimTypes.AuthMode"/> claim: <c>header</c>.</summary>
    public const string AuthMode = "header";

    /// <summary>The default header naming the user: <c>X-WEBAUTH-USER</c>.</summary>
    public const string UserHeader = "X-WEBAUTH-USER";

    /// <summary>The default header carrying the user's email: <c>X-WEBAUTH-EMAIL</c>.</summary>
    public const string EmailHeader = "X-WEBAUTH-EMAIL";

    /// <summary>The default header carrying the user's display name: <c>X-WEBAUTH-NAME</c>.</summary>
    public const string NameHeader = "X-WEBAUTH-NAME";

    /// <summary>The most groups one request may list.</summary>
    public const int MaximumGroups = 100;
}
