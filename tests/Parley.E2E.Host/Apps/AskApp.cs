using Parley.Chat;

namespace Parley.E2E.Host.Apps;

/// <summary>/ask: "name" asks for text, "upload" for a file, "choose" for a choice, "quick" for text with a 2 s timeout.</summary>
public static class AskApp
{
    public const string Path = "/ask";

    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(60);

    public static void Configure(ChatHandlerBuilder chat) => chat
        .OnMessage(async (message, ctx, ct) =>
        {
            switch (message.Content.Trim())
            {
                case "name":
                    var name = await ctx.AskTextAsync("What is your name?", Patient, ct);
                    await ctx.SendMessageAsync(name is null ? "No answer." : $"Hello, {name}!", cancellationToken: ct);
                    break;
                case "upload":
                    var files = await ctx.AskFilesAsync("Upload a text file.",
                        new AskFilesOptions { Accept = ["text/plain", ".txt"], MaxSizeBytes = 1000, MaxFiles = 1 }, Patient, ct);
                    if (files is [var file, ..])
                    {
                        var text = await file.ReadAllTextAsync(ct);
                        await ctx.SendMessageAsync($"Got {file.Name} ({file.Size} bytes): {text}", cancellationToken: ct);
                    }
                    else
                    {
                        await ctx.SendMessageAsync("No file.", cancellationToken: ct);
                    }
                    break;
                case "choose":
                    var choice = await ctx.AskActionAsync("Continue with the plan?", [new ChatAction("yes", "Yes, continue"), new ChatAction("no", "No, stop")], Patient, ct);
                    await ctx.SendMessageAsync(choice is null ? "No choice." : $"You chose {choice.Label}.", cancellationToken: ct);
                    break;
                case "quick":
                    var quick = await ctx.AskTextAsync("Answer within 2 seconds!", TimeSpan.FromSeconds(2), ct);
                    await ctx.SendMessageAsync(quick is null ? "Too late: no answer." : $"Just in time: {quick}", cancellationToken: ct);
                    break;
                default:
                    await ctx.SendMessageAsync("Send name, upload, choose or quick.", cancellationToken: ct);
                    break;
            }
        });
}
