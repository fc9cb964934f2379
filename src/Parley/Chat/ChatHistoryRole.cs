namespace Parley.Chat;

/// <summary>Who wrote a message of the thread's history.</summary>
public enum ChatHistoryRole
{
    /// <summary>The user (a <c>user_message</c> step).</summary>
    User,

    /// <summary>The assistant (an <c>assistant_message</c> step).</summary>
    Assistant,
}
