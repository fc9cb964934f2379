using System.Text;
using Microsoft.Playwright;
using Parley.E2E.Infrastructure;
using Parley.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Assistant;

/// <summary>Files attached in the assistant app reach the model: text inlined, images as images.</summary>
public sealed class AssistantFilesTests(E2EFixture fixture, AssistantAppFixture app) : AssistantTest(fixture, app)
{
    private const string PackingList = "Bring the kumquat-7319 umbrella.\nAnd two sweaters.";

    /// <summary>A 1×1 PNG.</summary>
    private const string PixelBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    [Fact(Timeout = Timeout)]
    public async Task A_text_file_and_an_image_attached_to_a_question_reach_the_model_with_it()
    {
        var page = await NewUserAsync("packer");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByTestId("attach-button").ClickAsync());
        await chooser.SetFilesAsync(
        [
            new FilePayload { Name = "packing-list.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(PackingList) },
            new FilePayload { Name = "pixel.png", MimeType = "image/png", Buffer = Convert.FromBase64String(PixelBase64) },
        ]);
        await Expect(page.GetByTestId("attachment")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("attachment").Nth(0)).ToHaveAttributeAsync("data-status", "ready");
        await Expect(page.GetByTestId("attachment").Nth(1)).ToHaveAttributeAsync("data-status", "ready");

        EnqueueFirstExchange(FakeReply.Text("The", " kumquat-7319", " umbrella", " and", " a", " pixel."), "Packing for the trip");
        await AskAsync(page, "What does my list say, and what is in the picture?", "The kumquat-7319 umbrella and a pixel.");

        await Expect(page.GetByTestId("attachment")).ToHaveCountAsync(0);
        var question = UserMessages(page).Last;
        await Expect(question.GetByTestId("element")).ToHaveCountAsync(2);
        await Expect(question).ToContainTextAsync("packing-list.txt");

        var request = Assert.Single(Model.Requests, r => !IsTitleRequest(r) && r.Transcript[^1].StartsWith("user: What does my list say", StringComparison.Ordinal));
        var parts = request.Messages[^1].GetProperty("content").EnumerateArray().ToList();
        var texts = parts.Where(p => p.GetProperty("type").GetString() == "text").Select(p => p.GetProperty("text").GetString()!).ToList();
        Assert.Contains("What does my list say, and what is in the picture?", texts);
        Assert.Contains(texts, t => t.Contains("packing-list.txt", StringComparison.Ordinal) && t.Contains(PackingList, StringComparison.Ordinal));
        var image = Assert.Single(parts, p => p.GetProperty("type").GetString() == "image_url");
        Assert.Equal("data:image/png;base64," + PixelBase64, image.GetProperty("image_url").GetProperty("url").GetString());
    }
}
