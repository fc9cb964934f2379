using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using SdkChatMessage = OpenAI.Chat.ChatMessage;

namespace Parley.Llm;

/// <summary>Maps Microsoft.Extensions.AI messages and options onto the OpenAI SDK's request.</summary>
internal static class OpenAiRequestMapping
{
    public static List<SdkChatMessage> ToMessages(IEnumerable<AiChatMessage> messages, ChatOptions? options)
    {
        List<SdkChatMessage> result = [];
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            result.Add(new SystemChatMessage(options.Instructions));
        }
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                result.Add(new SystemChatMessage(message.Text));
            }
            else if (message.Role == ChatRole.User)
            {
                result.Add(new UserChatMessage(UserParts(message.Contents)));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                result.Add(Assistant(message));
            }
            else if (message.Role == ChatRole.Tool)
            {
                foreach (var toolResult in message.Contents.OfType<FunctionResultContent>())
                {
                    result.Add(new ToolChatMessage(toolResult.CallId, ToolResultText.From(toolResult.Result)));
                }
            }
        }
        return result;
    }

    public static ChatCompletionOptions ToOptions(ChatOptions? options, OpenAiCompatibleOptions defaults)
    {
        var result = new ChatCompletionOptions
        {
            Temperature = options?.Temperature ?? defaults.Temperature,
            MaxOutputTokenCount = options?.MaxOutputTokens ?? defaults.MaxOutputTokens,
            TopP = options?.TopP,
            FrequencyPenalty = options?.FrequencyPenalty,
            PresencePenalty = options?.PresencePenalty,
        };
#pragma warning disable OPENAI001 // Seed is marked for evaluation; it is plain "seed" in the request body.
        result.Seed = options?.Seed;
#pragma warning restore OPENAI001
        if (options is null)
        {
            return result;
        }
        foreach (var stop in options.StopSequences ?? [])
        {
            result.StopSequences.Add(stop);
        }
        foreach (var tool in (options.Tools ?? []).OfType<AIFunctionDeclaration>())
        {
            result.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.JsonSchema.GetRawText())));
        }
        if (result.Tools.Count > 0)
        {
            result.ToolChoice = options.ToolMode switch
            {
                NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
                RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
                RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
                AutoChatToolMode => ChatToolChoice.CreateAutoChoice(),
                _ => null,
            };
            result.AllowParallelToolCalls = options.AllowMultipleToolCalls;
        }
        result.ResponseFormat = options.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } json => OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? "response", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription),
            ChatResponseFormatJson => OpenAI.Chat.ChatResponseFormat.CreateJsonObjectFormat(),
            ChatResponseFormatText => OpenAI.Chat.ChatResponseFormat.CreateTextFormat(),
            AiChatResponseFormat or null => null,
        };
        return result;
    }

    private static List<ChatMessageContentPart> UserParts(IList<AIContent> contents)
    {
        List<ChatMessageContentPart> parts = [];
        foreach (var content in contents)
        {
            switch (content)
            {
                case TextContent text:
                    parts.Add(ChatMessageContentPart.CreateTextPart(text.Text));
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    parts.Add(ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType));
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    parts.Add(ChatMessageContentPart.CreateImagePart(uri.Uri));
                    break;
            }
        }
        if (parts.Count == 0)
        {
            parts.Add(ChatMessageContentPart.CreateTextPart(""));
        }
        return parts;
    }

    private static AssistantChatMessage Assistant(AiChatMessage message)
    {
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(call => ChatToolCall.CreateFunctionToolCall(call.CallId, call.Name, BinaryData.FromString(ArgumentsJson(call.Arguments))))
            .ToList();
        var text = message.Text;
        if (calls.Count == 0)
        {
            return new AssistantChatMessage(text);
        }
        var assistant = new AssistantChatMessage(calls);
        if (text.Length > 0)
        {
            assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text));
        }
        return assistant;
    }

    private static string ArgumentsJson(IDictionary<string, object?>? arguments) => arguments is null
        ? "{}"
        : JsonSerializer.Serialize(arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
}
