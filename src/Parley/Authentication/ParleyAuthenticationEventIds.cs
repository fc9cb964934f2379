namespace Parley.Authentication;

/// <summary>
/// The event ids of authentication log messages, in one table so they stay stable and unique.
/// </summary>
internal static class ParleyAuthenticationEventIds
{
    public const int CopilotTokenRejected = 1100;
    public const int CopilotTokenAccepted = 1101;
    public const int CopilotTokenRejectedByApplication = 1102;

    public const int TrustedHeaderIgnoredFromUntrustedPeer = 1200;
    public const int TrustedHeaderRejected = 1201;
    public const int TrustedHeaderAccepted = 1202;
    public const int TrustedHeaderPeerUnknown = 1203;

    public const int OAuthSignInFailed = 1300;
    public const int OAuthSignedIn = 1301;
    public const int OAuthLinked = 1302;
    public const int OAuthDiscoveryRefreshFailed = 1303;
    public const int OAuthKeysRefreshed = 1304;
    public const int OAuthOriginRefused = 1305;
    public const int OAuthSignedOut = 1306;
}
