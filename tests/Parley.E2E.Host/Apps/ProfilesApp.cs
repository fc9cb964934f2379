using Parley.Chat;

namespace Parley.E2E.Host.Apps;

/// <summary>/profiles: two chat profiles with starters of their own; answers name the profile in use.</summary>
public static class ProfilesApp
{
    public const string Path = "/profiles";

    public static void Configure(ChatHandlerBuilder chat) => chat
        .Profiles(
            new ChatProfile("Quick", "Short answers", IsDefault: true, Starters: [new Starter("Quick tip", "Give me a quick tip")]),
            new ChatProfile("Thorough", "Long, careful answers", Starters: [new Starter("Deep dive", "Explain it in depth")]))
        .OnMessage(async (message, ctx, ct) =>
            await ctx.SendMessageAsync($"Profile {ctx.ChatProfile}: {message.Content}", cancellationToken: ct));
}
