using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Rerun;

public sealed class RerunTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task Regenerate_replaces_the_last_reply_with_a_new_one()
    {
        var page = await OpenChatAsync(RerunApp.Path);
        await SendAndWaitAsync(page, "Hello");
        await Expect(LastReply(page)).ToContainTextAsync(": Hello");
        var first = (await LastReply(page).Locator("[data-testid=message-content]").InnerTextAsync()).Trim();

        await Expect(page.GetByTestId("regenerate-button")).ToHaveCountAsync(1);
        await LastReply(page).GetByTestId("regenerate-button").ClickAsync();

        await Expect(page.GetByText(first, new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(Replies(page)).ToHaveCountAsync(1);
        await Expect(LastReply(page)).ToContainTextAsync(": Hello");
        await WaitForIdleAsync(page);
        await Expect(page.Locator("[data-testid=message][data-type=user_message]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("regenerate-button")).ToHaveCountAsync(1);
    }

    [Fact(Timeout = Timeout)]
    public async Task Editing_a_message_shows_the_new_text_and_answers_it_again()
    {
        var page = await OpenChatAsync(RerunApp.Path);
        await SendAndWaitAsync(page, "Hello");
        await Expect(LastReply(page)).ToContainTextAsync(": Hello");

        var userMessage = page.Locator("[data-testid=message][data-type=user_message]");
        await userMessage.HoverAsync();
        await userMessage.GetByTestId("edit-message-button").ClickAsync();
        var input = userMessage.GetByTestId("edit-message-input");
        await Expect(input).ToHaveValueAsync("Hello");
        await input.FillAsync("Bonjour");
        await userMessage.GetByTestId("edit-message-save").ClickAsync();

        await Expect(userMessage).ToHaveCountAsync(1);
        await Expect(userMessage.GetByTestId("message-content")).ToHaveTextAsync("Bonjour");
        await Expect(page.GetByText(": Hello")).ToHaveCountAsync(0);
        await Expect(Replies(page)).ToHaveCountAsync(1);
        await Expect(LastReply(page)).ToContainTextAsync(": Bonjour");
        await WaitForIdleAsync(page);
    }
}
