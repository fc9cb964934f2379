namespace Parley.Authentication.Copilot;

/// <summary>
/// Hooks into copilot token authentication. Assign the delegates, or derive and override the
/// methods and register the type as <c>EventsType</c>.
/// </summary>
public class CopilotTokenEvents
{
    /// <summary>
    /// Invoked first on every authentication. Set <see cref="CopilotMessageReceivedContext.Token"/>
    /// to take the token from somewhere other than the <c>Authorization</c> header, or decide the
    /// result. On a Parley hub's WebSocket or server-sent-events request the token already holds
    /// the <c>access_token</c> the browser sent (taken out of the URL before it could be logged).
    /// </summary>
    public Func<CopilotMessageReceivedContext, Task> OnMessageReceived { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// Invoked after a token passed every check. Add claims to
    /// <see cref="Microsoft.AspNetCore.Authentication.ResultContext{TOptions}.Principal"/>, or call
    /// <see cref="Microsoft.AspNetCore.Authentication.ResultContext{TOptions}.Fail(string)"/> to reject the user.
    /// </summary>
    public Func<CopilotTokenValidatedContext, Task> OnTokenValidated { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked when a token was rejected, with the reason. The token itself is not passed.</summary>
    public Func<CopilotAuthenticationFailedContext, Task> OnAuthenticationFailed { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnMessageReceived"/>.</summary>
    public virtual Task MessageReceived(CopilotMessageReceivedContext context) => OnMessageReceived(context);

    /// <summary>Invokes <see cref="OnTokenValidated"/>.</summary>
    public virtual Task TokenValidated(CopilotTokenValidatedContext context) => OnTokenValidated(context);

    /// <summary>Invokes <see cref="OnAuthenticationFailed"/>.</summary>
    public virtual Task AuthenticationFailed(CopilotAuthenticationFailedContext context) => OnAuthenticationFailed(context);
}
