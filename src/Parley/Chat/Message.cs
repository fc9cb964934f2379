using Parley.Runtime;

namespace Parley.Chat;

/// <summary>A message from the assistant in the chat.</summary>
public sealed class Message : StepHandle
{
    internal Message(ChatSession session, StepState state) : base(session, state)
    {
    }
}
