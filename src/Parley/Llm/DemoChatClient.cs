using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Parley.Llm;

/// <summary>
/// A stand-in model that needs no key and no network: it streams a short, deterministic reply
/// about the last user message, word by word, opening with <see cref="Notice"/>. Parley registers
/// it when no model is configured, so a new app answers out of the box; check
/// <see cref="ParleyChatClientExtensions.IsDemo"/> to show a banner.
/// </summary>
public sealed partial class DemoChatClient : IChatClient
{
    /// <summary>The first line of every demo reply.</summary>
    public const string Notice = "No model is configured — this is the built-in demo model. Set Parley:Llm:BaseUrl/ApiKey/Model to use a real one.";

    /// <summary>The model id the demo reports.</summary>
    public const string ModelId = "parley-demo";

    private static readonly ChatClientMetadata Metadata = new("parley-demo", null, ModelId);
    private readonly TimeProvider _time;
    private readonly TimeSpan _tokenDelay;

    /// <summary>Creates the demo model.</summary>
    /// <param name="timeProvider">The clock the pauses between words wait on. Default: the system clock.</param>
    /// <param name="tokenDelay">The pause between two words, so the reply visibly streams. Default: 20 ms; zero for none.</param>
    public DemoChatClient(TimeProvider? timeProvider = null, TimeSpan? tokenDelay = null)
    {
        if (tokenDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tokenDelay), "The pause between words must not be negative.");
        }
        _time = timeProvider ?? TimeProvider.System;
        _tokenDelay = tokenDelay ?? TimeSpan.FromMilliseconds(20);
    }

    /// <summary>The whole reply the demo gives to <paramref name="messages"/>.</summary>
    public static string Reply(IEnumerable<AiChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<AiChatMessage> ?? [.. messages];
        var last = list.LastOrDefault(m => m.Role == ChatRole.User);
        var userTurns = list.Count(m => m.Role == ChatRole.User);
        var text = last?.Text.Trim() ?? "";
        var files = last?.Contents.Count(c => c is DataContent) ?? 0;
        var words = Words().Matches(text).Count;

        var reply = new StringBuilder();
        reply.Append(Notice).Append("\n\n");
        if (text.Length == 0)
        {
            reply.Append("Your message had no text");
        }
        else
        {
            var flat = Whitespace().Replace(text, " ");
            var excerpt = flat.Length <= 160 ? flat : flat[..160].TrimEnd() + "…";
            reply.Append(CultureInfo.InvariantCulture, $"**You said:** \"{excerpt}\"\n\n");
            reply.Append(CultureInfo.InvariantCulture, $"That is {Count(words, "word")} and {Count(text.Length, "character")}");
        }
        if (files > 0)
        {
            reply.Append(CultureInfo.InvariantCulture, $", with {Count(files, "attachment")}");
        }
        reply.Append(". ");
        reply.Append(text.EndsWith('?')
            ? "It reads like a question; a real model would answer it here."
            : "A real model would reply to it here.");
        reply.Append(CultureInfo.InvariantCulture, $" You have sent {Count(userTurns, "message")} in this chat so far.");
        return reply.ToString();
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<AiChatMessage> ?? [.. messages];
        var reply = Reply(list);
        var responseId = "demo-" + list.Count.ToString(CultureInfo.InvariantCulture);
        var tokens = Tokens().Matches(reply);
        foreach (Match token in tokens)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_tokenDelay > TimeSpan.Zero)
            {
                await Task.Delay(_tokenDelay, _time, cancellationToken);
            }
            yield return new ChatResponseUpdate(ChatRole.Assistant, token.Value) { ResponseId = responseId, MessageId = responseId, ModelId = ModelId };
        }
        var input = list.Sum(m => (long)Words().Matches(m.Text).Count);
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = input, OutputTokenCount = tokens.Count, TotalTokenCount = input + tokens.Count })])
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = ModelId,
            FinishReason = ChatFinishReason.Stop,
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to release.
    }

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");

    [GeneratedRegex(@"\S+")]
    private static partial Regex Words();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>A word with the whitespace after it: what the demo streams at a time.</summary>
    [GeneratedRegex(@"\S+\s*|\s+")]
    private static partial Regex Tokens();
}
