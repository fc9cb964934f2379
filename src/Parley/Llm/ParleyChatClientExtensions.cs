using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>What Parley can tell about an <see cref="IChatClient"/>.</summary>
public static class ParleyChatClientExtensions
{
    /// <summary>Whether <paramref name="client"/> is (or wraps) the built-in <see cref="DemoChatClient"/>: no model is configured, so the app may show a banner.</summary>
    public static bool IsDemo(this IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetService(typeof(DemoChatClient)) is not null;
    }
}
