using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Parley.Authentication.TrustedHeader;

/// <summary>
/// Puts a middleware at the very front of the pipeline that records the TCP peer in a
/// <see cref="TransportPeerFeature"/>.
/// </summary>
/// <remarks>
/// Startup filters run outermost-first in registration order, so this filter is inserted at the
/// front of the service collection: it then runs even before the forwarded-headers filter the
/// host adds when <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>, and before any
/// <c>UseForwardedHeaders()</c> in the app. Kestrel keeps the socket's address only in the
/// rewritable <c>IHttpConnectionFeature</c>, so capturing it first is the only reliable reading.
/// </remarks>
internal sealed class TransportPeerStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(static (context, nextMiddleware) =>
        {
            if (context.Features.Get<TransportPeerFeature>() is null)
            {
                context.Features.Set(new TransportPeerFeature(context.Connection.RemoteIpAddress));
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}
