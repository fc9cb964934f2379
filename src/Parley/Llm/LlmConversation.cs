using System.Text;
using Microsoft.Extensions.AI;
using Parley.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Parley.Llm;

/// <summary>Turns the thread's history into the messages an <see cref="IChatClient"/> takes.</summary>
internal static class LlmConversation
{
    private static readonly string[] TextMimes =
    [
        "application/json", "application/xml", "application/x-yaml", "application/yaml", "application/csv",
        "application/javascript", "application/x-sh", "application/sql", "application/toml",
    ];

    public static async Task<List<AiChatMessage>> BuildAsync(IReadOnlyList<ChatHistoryMessage> history, LlmReplyOptions options, CancellationToken cancellationToken)
    {
        List<AiChatMessage> messages = [];
        if (!string.IsNullOrWhiteSpace(options.SystemPrompt))
        {
            messages.Add(new AiChatMessage(ChatRole.System, options.SystemPrompt));
        }
        var start = Math.Max(0, history.Count - Math.Max(1, options.MaxHistoryMessages));
        for (var i = start; i < history.Count; i++)
        {
            var entry = history[i];
            if (entry.Role == ChatHistoryRole.Assistant)
            {
                if (entry.Content.Length > 0)
                {
                    messages.Add(new AiChatMessage(ChatRole.Assistant, entry.Content) { MessageId = entry.Id });
                }
                continue;
            }
            var contents = await UserContentsAsync(entry, options, cancellationToken);
            if (contents.Count > 0)
            {
                messages.Add(new AiChatMessage(ChatRole.User, contents) { MessageId = entry.Id, CreatedAt = entry.CreatedAt });
            }
        }
        return messages;
    }

    private static async Task<List<AIContent>> UserContentsAsync(ChatHistoryMessage entry, LlmReplyOptions options, CancellationToken cancellationToken)
    {
        List<AIContent> contents = [];
        if (entry.Content.Length > 0)
        {
            contents.Add(new TextContent(entry.Content));
        }
        List<string> notSent = [];
        foreach (var file in entry.Files)
        {
            var content = await FileContentAsync(file, options, cancellationToken);
            if (content is null)
            {
                notSent.Add($"{file.Name} ({file.Mime})");
            }
            else
            {
                contents.Add(content);
            }
        }
        if (notSent.Count > 0)
        {
            // The model should know something was attached, so it can say it cannot see it.
            contents.Add(new TextContent($"[Attached, not shown to you: {string.Join(", ", notSent)}]"));
        }
        return contents;
    }

    private static async Task<AIContent?> FileContentAsync(ChatFile file, LlmReplyOptions options, CancellationToken cancellationToken)
    {
        if (file.Size > options.MaxAttachmentBytes)
        {
            return null;
        }
        var isImage = file.Mime.StartsWith("image/", StringComparison.OrdinalIgnoreCase);
        var isText = !isImage && IsText(file);
        if ((isImage && !options.Attachments.HasFlag(LlmAttachments.Images)) ||
            (isText && !options.Attachments.HasFlag(LlmAttachments.Text)) ||
            (!isImage && !isText))
        {
            return null;
        }
        byte[] bytes;
        try
        {
            await using var stream = await file.OpenReadAsync(cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        if (isImage)
        {
            return new DataContent(bytes, file.Mime) { Name = file.Name };
        }
        var text = Encoding.UTF8.GetString(bytes);
        return new TextContent($"File {file.Name}:\n```\n{text}\n```");
    }

    private static bool IsText(ChatFile file) =>
        file.Type == "text"
        || file.Mime.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || TextMimes.Contains(file.Mime, StringComparer.OrdinalIgnoreCase)
        || file.Mime.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
        || file.Mime.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
}
