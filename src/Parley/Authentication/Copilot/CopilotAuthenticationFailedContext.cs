using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Parley.Authentication.Copilot;

/// <summary>The context of <see cref="CopilotTokenEvents.OnAuthenticationFailed"/>.</summary>
public sealed class CopilotAuthenticationFailedContext(
    HttpContext context,
    AuthenticationScheme scheme,
    CopilotTokenOptions options,
    CopilotTokenFailure failure)
    : ResultContext<CopilotTokenOptions>(context, scheme, options)
{
    /// <summary>Why the token was rejected.</summary>
    public CopilotTokenFailure Failure { get; } = failure;
}
