using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Parley.Authentication.Copilot;

/// <summary>The context of <see cref="CopilotTokenEvents.OnMessageReceived"/>.</summary>
public sealed class CopilotMessageReceivedContext(HttpContext context, AuthenticationScheme scheme, CopilotTokenOptions options)
    : ResultContext<CopilotTokenOptions>(context, scheme, options)
{
    /// <summary>
    /// The token to validate. When left null, the handler reads <c>Authorization: Bearer</c>.
    /// </summary>
    public string? Token { get; set; }
}
