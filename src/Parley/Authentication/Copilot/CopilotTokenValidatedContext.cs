using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Parley.Authentication.Copilot;

/// <summary>The context of <see cref="CopilotTokenEvents.OnTokenValidated"/>.</summary>
public sealed class CopilotTokenValidatedContext : ResultContext<CopilotTokenOptions>
{
    /// <summary>Creates the context.</summary>
    public CopilotTokenValidatedContext(
        HttpContext context,
        AuthenticationScheme scheme,
        CopilotTokenOptions options,
        ClaimsPrincipal principal,
        JsonElement payload)
        : base(context, scheme, options)
    {
        Principal = principal;
        Payload = payload;
    }

    /// <summary>Every claim of the verified token (the JWT payload), for claims Parley does not map itself.</summary>
    public JsonElement Payload { get; }
}
