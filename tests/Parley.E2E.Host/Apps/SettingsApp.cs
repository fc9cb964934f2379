using System.Globalization;
using Parley.Chat;

namespace Parley.E2E.Host.Apps;

/// <summary>/settings: a settings panel; every change is confirmed in the chat, and replies use the model picked.</summary>
public static class SettingsApp
{
    public const string Path = "/settings";

    public static void Configure(ChatHandlerBuilder chat) => chat
        .OnChatStart(ctx =>
        {
            ctx.SetSettings(
                new SelectSetting("model", "Model", [new("small", "Small"), new("large", "Large")], "small", "Which model answers."),
                new SliderSetting("temperature", "Temperature", 0.7, 0, 2, 0.1),
                new SwitchSetting("stream", "Stream answers", true),
                new TagsSetting("topics", "Topics", ["travel"]),
                new TextSetting("persona", "Persona", "Friendly guide"));
            return Task.CompletedTask;
        })
        .OnSettingsUpdate(async (values, ctx, ct) =>
        {
            var temperature = values.Get<double>("temperature").ToString("0.0", CultureInfo.InvariantCulture);
            await ctx.SendMessageAsync(
                $"Settings saved: model={values.Get<string>("model")}, temperature={temperature}, stream={values.Get<bool>("stream")}, persona={values.Get<string>("persona")}",
                cancellationToken: ct);
        })
        .OnMessage(async (message, ctx, ct) =>
            await ctx.SendMessageAsync($"[{ctx.Settings.Get<string>("model", "small")}] {message.Content}", cancellationToken: ct));
}
