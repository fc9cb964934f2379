using System.Text.Json;
using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Feedback;

public sealed class FeedbackTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task Thumbs_with_a_comment_are_saved_and_shown_again_after_a_reload()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await SendAndWaitAsync(page, "rate me");
        var reply = LastReply(page);
        var stepId = await reply.GetAttributeAsync("data-step-id");

        await reply.GetByTestId("feedback-down").ClickAsync();
        await Expect(page.GetByTestId("feedback-dialog")).ToContainTextAsync("What went wrong?");
        await page.GetByTestId("feedback-comment").FillAsync("Too short");
        await page.GetByTestId("feedback-submit").ClickAsync();
        await Expect(reply.GetByTestId("feedback-down")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(reply.GetByTestId("feedback-up")).ToHaveAttributeAsync("aria-pressed", "false");

        await page.ReloadAsync();
        await WaitForChatAsync(page);
        await Expect(LastReply(page).GetByTestId("feedback-down")).ToHaveAttributeAsync("aria-pressed", "true");
        var saved = await FeedbackOfAsync(page, stepId!);
        Assert.Equal(-1, saved.GetProperty("value").GetInt32());
        Assert.Equal("Too short", saved.GetProperty("comment").GetString());

        await LastReply(page).GetByTestId("feedback-up").ClickAsync();
        await page.GetByTestId("feedback-submit").ClickAsync();
        await Expect(LastReply(page).GetByTestId("feedback-up")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(1, (await FeedbackOfAsync(page, stepId!)).GetProperty("value").GetInt32());

        await LastReply(page).GetByTestId("feedback-up").ClickAsync();
        await Expect(LastReply(page).GetByTestId("feedback-up")).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.Equal(JsonValueKind.Undefined, (await FeedbackOfAsync(page, stepId!)).ValueKind);
    }

    /// <summary>The step's feedback as the server has it (GET api/threads/{id}), or an undefined element.</summary>
    private static async Task<JsonElement> FeedbackOfAsync(Microsoft.Playwright.IPage page, string stepId)
    {
        var threadId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var detail = await page.EvaluateAsync<JsonElement>("async id => (await fetch('api/threads/' + encodeURIComponent(id))).json()", threadId);
        var step = detail.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == stepId);
        return step.TryGetProperty("feedback", out var feedback) && feedback.ValueKind == JsonValueKind.Object ? feedback : default;
    }
}
