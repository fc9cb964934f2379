using Microsoft.Playwright;
using Parley.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Infrastructure;

/// <summary>
/// Base of the tests of the assistant app (<see cref="AssistantApp"/>, one process per test class):
/// each test registers a user of its own through the sign-in page, scripts the model's replies and
/// reads the requests the model got.
/// </summary>
public abstract class AssistantTest : AccountsTest, IClassFixture<AssistantAppFixture>
{
    private readonly AssistantAppFixture _app;

    protected AssistantTest(E2EFixture fixture, AssistantAppFixture app)
        : base(fixture)
    {
        _app = app;
        // The tests of a class share the model, one after another: none inherits another's script.
        app.App.Model.ClearScript();
    }

    /// <summary>The instructions of the assistant every user starts with (AssistantStore.Default).</summary>
    protected const string DefaultInstructions = "You are a helpful assistant. Answer concisely and use Markdown where it helps.";

    /// <summary>The system prompt the app sends when it asks the model to title a conversation (ConversationTitles.Prompt).</summary>
    protected const string TitlePrompt = "Reply with a title of at most six words for a conversation that starts with the user's message. No quotes, no trailing punctuation.";

    internal AssistantApp App => _app.App;

    internal FakeOpenAiServer Model => App.Model;

    /// <summary>Registers a new user ("name-1a2b3c4d") through the sign-in page and waits for the chat.</summary>
    protected Task<IPage> NewUserAsync(string name) => RegisterAsync(App.BaseAddress, NewUsername(name), name);

    /// <summary>
    /// Scripts the model's next answers for a conversation's first exchange: the reply, then the
    /// title the app asks for once the first reply is in.
    /// </summary>
    internal void EnqueueFirstExchange(FakeReply reply, string title) => Model.Enqueue(reply, FakeReply.Text(title));

    /// <summary>The chat requests (not the title requests) whose last message is the user's <paramref name="text"/>.</summary>
    internal IReadOnlyList<FakeRequest> RequestsFor(string text) =>
        [.. Model.Requests.Where(r => !IsTitleRequest(r) && r.Transcript[^1] == "user: " + text)];

    /// <summary>The one chat request whose last message is the user's <paramref name="text"/>.</summary>
    internal FakeRequest RequestFor(string text) => Assert.Single(RequestsFor(text));

    internal static bool IsTitleRequest(FakeRequest request) => request.Transcript[0] == "system: " + TitlePrompt;

    /// <summary>
    /// Sends <paramref name="text"/>, waits for the model's <paramref name="reply"/>, then for the
    /// run to end (the title request included). The reply showing proves the run started, so the
    /// wait for its end cannot pass before it.
    /// </summary>
    protected static async Task AskAsync(IPage page, string text, string reply)
    {
        await SendAsync(page, text);
        await Expect(LastReply(page).GetByTestId("message-content")).ToHaveTextAsync(reply);
        await WaitForIdleAsync(page);
    }

    /// <summary>Opens "Assistants…" from the user menu and waits for the list.</summary>
    protected static async Task<ILocator> OpenAssistantsAsync(IPage page)
    {
        await ChooseFromUserMenuAsync(page, "assistants-button");
        var dialog = page.GetByTestId("assistants-dialog");
        await Expect(dialog.GetByTestId("assistant-item").First).ToBeVisibleAsync();
        return dialog;
    }

    /// <summary>Fills the dialog's form for a new assistant and saves it.</summary>
    protected static async Task CreateAssistantAsync(ILocator dialog, string name, string instructions, string? model = null)
    {
        await dialog.GetByTestId("assistant-new").ClickAsync();
        await dialog.GetByTestId("assistant-name").FillAsync(name);
        await dialog.GetByTestId("assistant-instructions").FillAsync(instructions);
        if (model is not null)
        {
            await dialog.GetByTestId("assistant-model").FillAsync(model);
        }
        await dialog.GetByTestId("assistant-save").ClickAsync();
        await Expect(dialog.GetByTestId("assistant-form")).ToHaveCountAsync(0);
        await Expect(AssistantItem(dialog, name)).ToBeVisibleAsync();
    }

    protected static ILocator AssistantItem(ILocator dialog, string name) =>
        dialog.Locator($"[data-testid=assistant-item][data-name=\"{name}\"]");

    protected static ILocator UserMessages(IPage page) => page.Locator("[data-testid=message][data-type=user_message]");

    /// <summary>Error messages in the chat (the app's "Error" system messages).</summary>
    protected static ILocator ErrorMessages(IPage page) => page.Locator("[data-testid=message][data-type=system_message].error");
}
