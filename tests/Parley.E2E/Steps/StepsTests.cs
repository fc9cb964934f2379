using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Steps;

public sealed class StepsTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task Nested_steps_fold_under_the_answer_and_open_on_click()
    {
        var page = await OpenChatAsync(StepsApp.Path);
        await SendAndWaitAsync(page, "Lisbon");

        var reply = LastReply(page);
        await Expect(reply.Locator(":scope > [data-testid=message-content]")).ToHaveTextAsync("Here is what I found about Lisbon");
        var search = reply.Locator("[data-testid=step][data-type=tool]");
        var fetch = search.Locator("[data-testid=step][data-type=retrieval]");
        var summarize = reply.Locator("[data-testid=step][data-type=llm]");
        await Expect(search).ToHaveCountAsync(1);
        await Expect(summarize).ToContainTextAsync("Summarize");
        await Expect(search).Not.ToHaveAttributeAsync("open", "");
        await Expect(search.GetByText("Found 3 results about Lisbon")).Not.ToBeVisibleAsync();

        await search.Locator("> summary").ClickAsync();
        await Expect(search).ToHaveAttributeAsync("open", "");
        await Expect(search.Locator("> .step-body")).ToContainTextAsync("Lisbon");
        await Expect(search.GetByText("Found 3 results about Lisbon")).ToBeVisibleAsync();
        await Expect(fetch.GetByText("3 documents")).Not.ToBeVisibleAsync();

        await fetch.Locator("> summary").ClickAsync();
        await Expect(fetch.GetByText("3 documents")).ToBeVisibleAsync();
        await Expect(fetch.GetByText("https://example.com/lisbon")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "steps");

        await search.Locator("> summary").ClickAsync();
        await Expect(search.GetByText("Found 3 results about Lisbon")).Not.ToBeVisibleAsync();
    }
}
