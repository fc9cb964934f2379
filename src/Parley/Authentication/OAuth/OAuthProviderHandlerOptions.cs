using Microsoft.AspNetCore.Authentication.OAuth;

namespace Parley.Authentication.OAuth;

/// <summary>The options of one provider's scheme, configured from its <see cref="OAuthProvider"/>.</summary>
internal sealed class OAuthProviderHandlerOptions : OAuthOptions
{
    /// <summary>The provider this scheme signs in through.</summary>
    public OAuthProvider Provider { get; set; } = null!;
}
