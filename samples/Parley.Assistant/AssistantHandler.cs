using Microsoft.Extensions.AI;
using Parley.Chat;
using Parley.Data;
using Parley.Llm;

namespace Parley.Assistant;

/// <summary>
/// The assistant's chat logic. Each of the user's assistants is a chat profile; the model is a
/// chat setting (from <c>Parley:Llm:Models</c>). The configured model (or, with none configured,
/// Parley's offline demo model) answers with the thread's history as context, and after the
/// first reply names the conversation. The model a user picks last becomes their default for new
/// conversations; a conversation keeps its own pick (Parley stores chat settings with the thread).
/// </summary>
internal sealed class AssistantHandler(IChatClient model, AssistantStore assistants, IUserSettingsStore userSettings, IConfiguration configuration) : ChatHandler
{
    public const string ModelSetting = "model";

    /// <summary>The per-user setting that remembers the model the user picked last.</summary>
    public const string PreferredModelKey = "assistant:preferred-model";

    public override async ValueTask<IReadOnlyList<ChatProfile>> GetChatProfilesAsync(ParleyUser user, CancellationToken cancellationToken)
    {
        var all = await assistants.ListAsync(user.Id, cancellationToken);
        return [.. all.Select((a, i) => new ChatProfile(a.Name, Truncate(a.Instructions, 120), IsDefault: i == 0))];
    }

    public override ValueTask<IReadOnlyList<Starter>> GetStartersAsync(ParleyUser user, string? chatProfile, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Starter>>(
        [
            new Starter("Explain streaming", "How does token streaming work in a chat app?"),
            new Starter("Write a haiku", "Write a haiku about reliable software."),
        ]);

    public override Task OnChatStartAsync(ChatContext chat, CancellationToken cancellationToken) => OfferModelsAsync(chat, cancellationToken);

    public override Task OnChatResumeAsync(ChatContext chat, CancellationToken cancellationToken) => OfferModelsAsync(chat, cancellationToken);

    public override async Task OnSettingsUpdateAsync(ChatSettingsValues settings, ChatContext chat, CancellationToken cancellationToken)
    {
        // Only a model the operator offers is remembered (the select's value comes from the client).
        if (settings.Get<string>(ModelSetting) is { } picked && AssistantModels.Offered(configuration).Contains(picked, StringComparer.Ordinal))
        {
            await userSettings.SetAsync(chat.User.Id, PreferredModelKey, picked, cancellationToken);
        }
    }

    public override async Task OnMessageAsync(UserMessage message, ChatContext chat, CancellationToken cancellationToken)
    {
        var assistant = await assistants.FindAsync(chat.User.Id, chat.ChatProfile, cancellationToken);
        var modelId = AssistantModels.Choose(configuration, chat.Settings.Get<string>(ModelSetting), assistant!);
        var reply = await chat.StreamChatResponseAsync(model, new LlmReplyOptions
        {
            SystemPrompt = assistant!.Instructions,
            ChatOptions = modelId is null ? null : new ChatOptions { ModelId = modelId },
            Attachments = LlmAttachments.Text | LlmAttachments.Images,
            Message = new MessageOptions { Author = assistant.Name },
        }, cancellationToken);
        // The first exchange names the conversation; another reply to it (regenerate) does not
        // rename it again, so a name the user chose in the meantime stays.
        if (reply.Error is null && chat.History.Count == 2 && message.Run != MessageRun.Regenerate)
        {
            await NameConversationAsync(chat, message.Content, modelId, cancellationToken);
        }
    }

    private async Task OfferModelsAsync(ChatContext chat, CancellationToken cancellationToken)
    {
        var models = AssistantModels.Offered(configuration);
        if (models.Count == 0)
        {
            return;
        }
        var assistant = await assistants.FindAsync(chat.User.Id, chat.ChatProfile, cancellationToken);
        // An assistant's own model comes first; otherwise the user's last pick. A resumed
        // conversation keeps the value chosen in it whatever this says.
        var preferred = assistant!.Model is null ? await userSettings.GetAsync<string>(chat.User.Id, PreferredModelKey, cancellationToken) : null;
        var initial = AssistantModels.Choose(configuration, preferred, assistant);
        chat.SetSettings(new SelectSetting(ModelSetting, "Model", [.. models.Select(m => new SettingOption(m, m))], initial));
    }

    /// <summary>Asks the model for a short title; the demo model (and any failure) falls back to the first words of the question.</summary>
    private async Task NameConversationAsync(ChatContext chat, string question, string? modelId, CancellationToken cancellationToken)
    {
        var title = ConversationTitles.FromQuestion(question);
        if (model.GetService<ChatClientMetadata>()?.DefaultModelId != DemoChatClient.ModelId)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(20));
                var response = await model.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, ConversationTitles.Prompt), new ChatMessage(ChatRole.User, question)],
                    modelId is null ? null : new ChatOptions { ModelId = modelId },
                    timeout.Token);
                title = ConversationTitles.Clean(response.Text) ?? title;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A title is a nicety: the question's first words do.
            }
        }
        if (title is not null)
        {
            await chat.RenameThreadAsync(title, cancellationToken);
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
