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

    // OAuth 2.0 and OpenID Connect (OAuth/).
    public const int OAuthSignInFailed = 1300;
    public const int OAuthSignedIn = 1301;
    public const int OAuthLinked = 1302;
    public const int OAuthDiscoveryRefreshFailed = 1303;
    public const int OAuthKeysRefreshed = 1304;
    public const int OAuthOriginRefused = 1305;
    public const int OAuthSignedOut = 1306;

    // Browser sessions (Sessions/).
    public const int SessionIssued = 1400;
    public const int SessionRefused = 1401;
    public const int SessionUnreadable = 1402;
    public const int SessionRevoked = 1403;
    public const int SessionConnectionsClosed = 1404;
    public const int SessionRevalidationFailed = 1405;
    public const int SessionsPurged = 1406;

    // Password sign-in and built-in accounts (Password/, Accounts/, Api/AuthEndpoints).
    public const int PasswordSignInSucceeded = 1500;
    public const int PasswordSignInFailed = 1501;
    public const int PasswordSignInThrottled = 1502;
    public const int PasswordValidatorInvalidUser = 1503;
    public const int LoginThrottleFailed = 1504;
    public const int LoginThrottlePurged = 1505;
    public const int LoginThrottlePurgeFailed = 1506;
    public const int AccountLockedOut = 1510;
    public const int AccountRegistered = 1511;
    public const int AccountPasswordChanged = 1512;
    public const int AccountAdminSet = 1513;
    public const int AccountInviteCreated = 1514;
    public const int UserDisabled = 1515;
    public const int AdminBootstrapped = 1516;
    public const int FirstRunSetupPending = 1517;
    public const int FirstAdminCreated = 1518;

    // Cross-site protections (Modes/).
    public const int RequestFromRefusedOrigin = 1600;
    public const int SignedElementUrlRejected = 1601;
}
