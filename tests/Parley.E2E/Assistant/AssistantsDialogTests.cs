using Parley.E2E.Infrastructure;
using Parley.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Assistant;

/// <summary>The "Assistants…" dialog of the user menu: each assistant a user sets up is a chat profile with its instructions and model.</summary>
public sealed class AssistantsDialogTests(E2EFixture fixture, AssistantAppFixture app) : AssistantTest(fixture, app)
{
    private const string PirateInstructions = "You are a pirate. Answer every question in pirate speak.";

    [Fact(Timeout = Timeout)]
    public async Task An_assistant_created_in_the_dialog_can_be_picked_and_answers_with_its_instructions_and_model()
    {
        var page = await NewUserAsync("captain");
        // A new user has one assistant, the built-in one: nothing to pick yet.
        await Expect(page.GetByTestId("profile-picker")).ToHaveCountAsync(0);

        var dialog = await OpenAssistantsAsync(page);
        await Expect(dialog.GetByTestId("assistant-item")).ToHaveCountAsync(1);
        await Expect(AssistantItem(dialog, "Assistant")).ToBeVisibleAsync();
        await CreateAssistantAsync(dialog, "Pirate", PirateInstructions, model: "pirate-model");
        await Expect(AssistantItem(dialog, "Pirate")).ToContainTextAsync("pirate-model");
        await Expect(dialog.GetByTestId("assistant-item")).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(page, "assistant-assistants-dialog");
        await dialog.GetByTestId("dialog-close").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var picker = page.GetByTestId("profile-picker");
        await Expect(picker.Locator("option")).ToHaveTextAsync(["Assistant", "Pirate"]);
        await picker.SelectOptionAsync("Pirate");
        await Expect(picker).ToHaveValueAsync("Pirate");
        await Expect(page.GetByTestId("empty-chat")).ToBeVisibleAsync();

        EnqueueFirstExchange(FakeReply.Text("Arr,", " I be", " yer", " pirate", " assistant!"), "Meeting the pirate");
        await AskAsync(page, "Who are you?", "Arr, I be yer pirate assistant!");

        await Expect(LastReply(page).Locator(".message-author")).ToHaveTextAsync("Pirate");
        var request = RequestFor("Who are you?");
        Assert.Equal("system: " + PirateInstructions, request.Transcript[0]);
        Assert.Equal("pirate-model", request.Model);
        await Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Meeting the pirate");
        await Screenshots.SaveAsync(page, "assistant-chat");

        // The conversation keeps its assistant: reopened later, it still answers as the pirate.
        await page.ReloadAsync();
        await WaitForChatAsync(page);
        await Expect(picker).ToHaveValueAsync("Pirate");
        Model.Enqueue(FakeReply.Text("Aye."));
        await AskAsync(page, "Still a pirate?", "Aye.");
        Assert.Equal("system: " + PirateInstructions, RequestFor("Still a pirate?").Transcript[0]);
    }

    [Fact(Timeout = Timeout)]
    public async Task An_assistant_edited_in_the_dialog_answers_with_the_new_instructions_and_a_deleted_one_is_gone()
    {
        var page = await NewUserAsync("chef");
        var dialog = await OpenAssistantsAsync(page);
        await CreateAssistantAsync(dialog, "Chef", "Answer with a recipe.");

        var chef = AssistantItem(dialog, "Chef");
        await chef.GetByTestId("assistant-edit").ClickAsync();
        await Expect(dialog.GetByTestId("assistant-name")).ToHaveValueAsync("Chef");
        await Expect(dialog.GetByTestId("assistant-name")).ToBeDisabledAsync();
        await Expect(dialog.GetByTestId("assistant-instructions")).ToHaveValueAsync("Answer with a recipe.");
        await dialog.GetByTestId("assistant-instructions").FillAsync("Answer with a vegetarian recipe.");
        await dialog.GetByTestId("assistant-save").ClickAsync();
        await Expect(dialog.GetByTestId("assistant-form")).ToHaveCountAsync(0);
        await Expect(dialog.GetByTestId("assistant-item")).ToHaveCountAsync(2);
        await dialog.GetByTestId("dialog-close").ClickAsync();

        await page.GetByTestId("profile-picker").SelectOptionAsync("Chef");
        await Expect(page.GetByTestId("profile-picker")).ToHaveValueAsync("Chef");
        EnqueueFirstExchange(FakeReply.Text("Lentil", " soup."), "Dinner ideas");
        await AskAsync(page, "What's for dinner?", "Lentil soup.");
        var request = RequestFor("What's for dinner?");
        Assert.Equal("system: Answer with a vegetarian recipe.", request.Transcript[0]);
        Assert.Equal(FakeReply.ModelName, request.Model);

        dialog = await OpenAssistantsAsync(page);
        page.Dialog += (_, confirm) => confirm.AcceptAsync();
        await AssistantItem(dialog, "Chef").GetByTestId("assistant-delete").ClickAsync();
        await Expect(dialog.GetByTestId("assistant-item")).ToHaveCountAsync(1);
        await Expect(AssistantItem(dialog, "Chef")).ToHaveCountAsync(0);
        await dialog.GetByTestId("dialog-close").ClickAsync();

        // One assistant is left: nothing to pick, and a new chat is answered by the built-in one.
        await Expect(page.GetByTestId("profile-picker")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await WaitForChatAsync(page);
        await Expect(page.GetByTestId("profile-picker")).ToHaveCountAsync(0);
        await page.GetByTestId("new-chat-button").ClickAsync();
        await Expect(page.GetByTestId("empty-chat")).ToBeVisibleAsync();
        EnqueueFirstExchange(FakeReply.Text("Hello."), "Saying hello");
        await AskAsync(page, "Who answers now?", "Hello.");
        Assert.Equal("system: " + DefaultInstructions, RequestFor("Who answers now?").Transcript[0]);

        dialog = await OpenAssistantsAsync(page);
        await Expect(dialog.GetByTestId("assistant-item")).ToHaveCountAsync(1);
        await Expect(AssistantItem(dialog, "Assistant")).ToBeVisibleAsync();
    }
}
