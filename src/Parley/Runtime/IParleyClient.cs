using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>The one client method of the chat hub.</summary>
internal interface IParleyClient
{
    /// <summary>A batch of server events, in order.</summary>
    Task Receive(ServerEvent[] events);
}
