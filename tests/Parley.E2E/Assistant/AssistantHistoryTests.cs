using System.Text.RegularExpressions;
using Parley.E2E.Infrastructure;
using Parley.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Assistant;

/// <summary>The assistant app's history: conversations named by the model, kept across reloads, searched and reopened.</summary>
public sealed class AssistantHistoryTests(E2EFixture fixture, AssistantAppFixture app) : AssistantTest(fixture, app)
{
    [Fact(Timeout = Timeout)]
    public async Task Conversations_get_the_models_title_survive_a_reload_and_are_found_and_reopened_from_the_sidebar()
    {
        var page = await NewUserAsync("historian");
        var threads = page.GetByTestId("thread-item");
        await Expect(page.GetByTestId("thread-sidebar")).ToContainTextAsync("No chats yet.");

        EnqueueFirstExchange(FakeReply.Text("Start", " at the", " Alfama."), "\"Iberian city break.\"");
        await AskAsync(page, "Plan a weekend in Lisbon for me", "Start at the Alfama.");
        var lisbonUrl = page.Url;
        Assert.Matches("/thread/[^/]+$", lisbonUrl);
        // The title is the model's answer to the app's title prompt, cleaned of quotes and the full stop.
        await Expect(threads).ToHaveTextAsync([new Regex("^Iberian city break$")]);
        await Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Iberian city break");
        var titleRequest = Assert.Single(Model.Requests, r => IsTitleRequest(r) && r.Transcript[^1] == "user: Plan a weekend in Lisbon for me");
        Assert.Equal(FakeReply.ModelName, titleRequest.Model);

        await page.GetByTestId("new-chat-button").ClickAsync();
        await Expect(page.GetByTestId("empty-chat")).ToBeVisibleAsync();
        EnqueueFirstExchange(FakeReply.Text("Try", " the", " francesinha."), "Northern food tour");
        await AskAsync(page, "What should I eat in Porto?", "Try the francesinha.");
        await Expect(threads).ToHaveTextAsync([new Regex("^Northern food tour$"), new Regex("^Iberian city break$")]);

        await page.ReloadAsync();
        await WaitForChatAsync(page);
        await Expect(threads).ToHaveTextAsync([new Regex("^Northern food tour$"), new Regex("^Iberian city break$")]);
        await Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Northern food tour");
        await Expect(page.GetByTestId("message-content")).ToHaveTextAsync(["What should I eat in Porto?", "Try the francesinha."]);

        // "Iberian" is only in the title the model gave.
        await page.GetByTestId("thread-search").FillAsync("iberian");
        await Expect(threads).ToHaveTextAsync([new Regex("^Iberian city break$")]);
        await threads.Locator(".thread-open").ClickAsync();

        await Expect(page).ToHaveURLAsync(lisbonUrl);
        await Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Iberian city break");
        await Expect(page.GetByTestId("message-content")).ToHaveTextAsync(["Plan a weekend in Lisbon for me", "Start at the Alfama."]);
        await page.GetByTestId("thread-search").FillAsync("");
        await Expect(threads).ToHaveCountAsync(2);

        // The reopened conversation goes on with its history as the model's context, and keeps its title.
        Model.Enqueue(FakeReply.Text("Take", " tram", " 28."));
        await AskAsync(page, "And how do I get there?", "Take tram 28.");
        Assert.Equal(
            ["system: " + DefaultInstructions, "user: Plan a weekend in Lisbon for me", "assistant: Start at the Alfama.", "user: And how do I get there?"],
            RequestFor("And how do I get there?").Transcript);
        // It is the newest conversation now, in the sidebar as after a reload.
        await Expect(threads).ToHaveTextAsync([new Regex("^Iberian city break$"), new Regex("^Northern food tour$")]);
        await page.ReloadAsync();
        await WaitForChatAsync(page);
        await Expect(threads).ToHaveTextAsync([new Regex("^Iberian city break$"), new Regex("^Northern food tour$")]);
        Assert.DoesNotContain(Model.Requests, r => IsTitleRequest(r) && r.Transcript[^1] == "user: And how do I get there?");
    }
}
