using System.Net;

namespace Parley.LoadTest;

/// <summary>The HTTP and WebSocket plumbing all sessions of one scenario share, against one server.</summary>
internal sealed class Transport : IDisposable
{
    public Transport(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        // Cookies are per session, sent by hand: one shared handler would otherwise mix their users.
        Http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            MaxConnectionsPerServer = 256,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        // WebSockets take their connection over; one handler avoids building one per socket.
        WebSockets = new HttpMessageInvoker(new SocketsHttpHandler { UseCookies = false, UseProxy = false });
    }

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public HttpMessageInvoker WebSockets { get; }

    public void Dispose()
    {
        Http.Dispose();
        WebSockets.Dispose();
    }
}
