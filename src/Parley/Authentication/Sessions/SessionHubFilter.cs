using Microsoft.AspNetCore.SignalR;

namespace Parley.Authentication.Sessions;

/// <summary>
/// Records which browser session each chat connection belongs to (from the session id claim
/// Parley put on the connection's principal), and chat activity for the idle timeout.
/// </summary>
internal sealed class SessionHubFilter(SessionConnections connections) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (SessionIdOf(context.Context) is { } sessionId)
        {
            connections.Add(sessionId, context.Context);
        }
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (SessionIdOf(context.Context) is { } sessionId)
        {
            connections.Remove(sessionId, context.Context.ConnectionId);
        }
        await next(context, exception);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (SessionIdOf(invocationContext.Context) is { } sessionId)
        {
            connections.MarkActive(sessionId);
        }
        return next(invocationContext);
    }

    private static string? SessionIdOf(HubCallerContext context) =>
        context.User?.FindFirst(ParleySessionDefaults.SessionIdClaimType)?.Value;
}
