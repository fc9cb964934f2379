using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Authentication;
using Parley.Chat;
using Parley.Hosting;
using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>
/// The chat hub, mapped once per app. One method in (<see cref="Send"/>), one out
/// (<see cref="ReceiveMethod"/>). The user is resolved from the authenticated
/// connection once, when it connects; the app from the endpoint the connection came through.
/// </summary>
internal sealed partial class ChatHub(
    ChatSessionRegistry sessions,
    ParleyUserResolver users,
    IOptions<ParleyOptions> options,
    TimeProvider time,
    ILogger<ChatHub> logger) : Hub
{
    /// <summary>The one client method: a batch of <see cref="ServerEvent"/>s, in order.</summary>
    public const string ReceiveMethod = "Receive";

    private const string UserKey = "parley:user";
    private const string AppKey = "parley:app";
    private const string LinksKey = "parley:links";
    private const string LimiterKey = "parley:limiter";

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        var app = http?.GetEndpoint()?.Metadata.GetMetadata<ParleyApp>();
        var user = await users.ResolveAsync(Context.User ?? new(), Context.ConnectionAborted);
        if (http is null || app is null || user is null)
        {
            Log.Rejected(logger, Context.ConnectionId);
            Context.Abort();
            return;
        }
        Context.Items[UserKey] = user;
        Context.Items[AppKey] = app;
        Context.Items[LinksKey] = ElementLinks.For(http.Request.PathBase + app.Pattern, Context.User!, user, http.RequestServices);
        Context.Items[LimiterKey] = new HubRateLimiter(options.Value.Limits.HubMessagesPerMinute, time);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Every client message comes through here and gets an acknowledgement.</summary>
    public async Task<ClientAck> Send(ClientMessage message)
    {
        if (Context.Items[UserKey] is not ParleyUser user || Context.Items[AppKey] is not ParleyApp app)
        {
            return ClientAck.Refused(ErrorCodes.NoChat, "Not signed in.");
        }
        if (Context.Items[LimiterKey] is HubRateLimiter limiter && !limiter.TryAcquire())
        {
            return ClientAck.Refused(ErrorCodes.RateLimited, "You are sending too fast; wait a moment and try again.");
        }
        if (message is null)
        {
            return ClientAck.Refused(ErrorCodes.BadRequest, "Empty message.");
        }
        var cancellationToken = Context.ConnectionAborted;
        if (message is StartChat start)
        {
            return await sessions.StartAsync(app, user, Context.ConnectionId, (ElementLinks)Context.Items[LinksKey]!, start, cancellationToken);
        }
        var session = sessions.GetForConnection(Context.ConnectionId);
        if (session is null || session.User.Id != user.Id)
        {
            return ClientAck.Refused(ErrorCodes.NoChat, "Start a chat first.");
        }
        return await session.HandleAsync(message, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Chat connection {ConnectionId} closed: no signed-in Parley user or app.")]
        public static partial void Rejected(ILogger logger, string connectionId);
    }
}
