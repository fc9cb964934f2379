namespace Parley.Authentication.Modes;

/// <summary>
/// Copilot mode (<c>Parley:Auth:Copilot</c>): the copilot widget on the host site's pages
/// authenticates with short-lived tokens the host site mints. The token settings themselves
/// (<c>Algorithm</c>, <c>Secret</c>, <c>PublicKeys</c>, …) are
/// <see cref="Copilot.CopilotTokenOptions"/>, bound from the same section.
/// </summary>
public sealed class CopilotModeOptions
{
    /// <summary>
    /// Turns copilot tokens on (<c>Parley:Auth:Copilot:Enabled</c>). Calling
    /// <c>AddAuthentication().AddParleyCopilotToken()</c> turns them on as well. Default false.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The origins of the host sites whose pages embed the widget (<c>AllowedOrigins</c>), for
    /// example <c>https://shop.example.com</c>: scheme, host and port only, matched exactly. Only
    /// these get CORS access to the app's <c>/api</c> and <c>/hub</c>, and their requests are
    /// authenticated by copilot token alone, never by a cookie. <c>*</c> and <c>null</c> are refused.
    /// </summary>
    public IList<string> AllowedOrigins { get; set; } = new List<string>();

    /// <summary>
    /// How long the signed links to stored files that copilot clients get stay valid
    /// (<c>SignedUrlLifetime</c>). An <c>&lt;img src&gt;</c> cannot send a bearer token, so the link
    /// itself carries a signature bound to the file and the user. Default 15 minutes, at most 24 hours.
    /// </summary>
    public TimeSpan SignedUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
