namespace Parley.Chat;

/// <summary>The copilot host page's function reported an error.</summary>
public sealed class HostFunctionException(string message) : Exception(message);
