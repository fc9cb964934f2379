namespace Parley.Authentication.Modes;

/// <summary>The mode names <c>GET api/config</c> lists in <c>auth.modes</c>, and the internal schemes of mode selection.</summary>
internal static class AuthModeNames
{
    public const string Anonymous = "anonymous";
    public const string Copilot = "copilot";
    public const string Header = "header";
    public const string HostApp = "host";

    /// <summary>The scheme that accepts the host app's own sign-in (<see cref="HostAppAuthenticationHandler"/>).</summary>
    public const string HostAppScheme = "Parley.HostApp";

    /// <summary>The scheme that refuses requests from foreign origins (<see cref="RefusedOriginHandler"/>).</summary>
    public const string RefusedOriginScheme = "Parley.RefusedOrigin";
}
