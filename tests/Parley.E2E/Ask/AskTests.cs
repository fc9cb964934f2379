using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Ask;

public sealed partial class AskTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task A_text_ask_is_answered_with_the_composer_before_its_countdown_ends()
    {
        var page = await OpenChatAsync(AskApp.Path);
        await SendAsync(page, "name");
        var prompt = page.GetByTestId("ask-prompt");
        await Expect(prompt).ToHaveAttributeAsync("data-ask-kind", "text");
        await Expect(page.GetByTestId("ask-countdown")).ToHaveTextAsync(CountdownText());
        await Expect(LastReply(page)).ToContainTextAsync("What is your name?");
        await Expect(page.GetByTestId("composer-input")).ToHaveAttributeAsync("placeholder", "Type your answer…");

        await SendAsync(page, "Ada");

        await Expect(prompt).ToHaveCountAsync(0);
        await Expect(LastReply(page)).ToContainTextAsync("Hello, Ada!");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_files_ask_shows_its_limits_refuses_files_outside_them_and_takes_a_valid_one()
    {
        var page = await OpenChatAsync(AskApp.Path);
        var uploads = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/api/files", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref uploads);
            }
        };
        await SendAsync(page, "upload");
        var prompt = page.GetByTestId("ask-prompt");
        await Expect(prompt).ToHaveAttributeAsync("data-ask-kind", "files");
        await Expect(page.GetByTestId("ask-files-limits")).ToHaveTextAsync("Up to 1 file, 1000 B each; text/plain, .txt.");

        await page.GetByTestId("ask-files-input").SetInputFilesAsync(new FilePayload { Name = "big.txt", MimeType = "text/plain", Buffer = new byte[2000] });
        await Expect(prompt.GetByTestId("composer-error")).ToHaveTextAsync("big.txt is larger than 1000 B.");
        await page.GetByTestId("ask-files-input").SetInputFilesAsync(new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = new byte[10] });
        await Expect(prompt.GetByTestId("composer-error")).ToContainTextAsync("photo.png is not an accepted file type");
        Assert.Equal(0, uploads);
        await Expect(page.GetByTestId("ask-files-submit")).ToBeDisabledAsync();

        await page.GetByTestId("ask-files-input").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("hello from a file") });
        await Expect(prompt.GetByTestId("attachment")).ToHaveAttributeAsync("data-status", "ready");
        await page.GetByTestId("ask-files-submit").ClickAsync();

        await Expect(prompt).ToHaveCountAsync(0);
        await Expect(LastReply(page)).ToContainTextAsync("Got notes.txt (17 bytes): hello from a file");
        Assert.Equal(1, uploads);
    }

    [Fact(Timeout = Timeout)]
    public async Task An_action_ask_is_answered_by_clicking_one_of_its_choices()
    {
        var page = await OpenChatAsync(AskApp.Path);
        await SendAsync(page, "choose");
        await Expect(page.GetByTestId("ask-prompt")).ToHaveAttributeAsync("data-ask-kind", "action");
        var choices = page.GetByTestId("ask-action");
        await Expect(choices).ToHaveTextAsync(["Yes, continue", "No, stop"]);

        await choices.Filter(new() { HasText = "Yes, continue" }).ClickAsync();

        await Expect(page.GetByTestId("ask-prompt")).ToHaveCountAsync(0);
        await Expect(LastReply(page)).ToContainTextAsync("You chose Yes, continue.");
    }

    [Fact(Timeout = Timeout)]
    public async Task An_ask_that_times_out_counts_down_then_closes_and_the_handler_goes_on()
    {
        var page = await OpenChatAsync(AskApp.Path);
        await SendAsync(page, "quick");
        var countdown = page.GetByTestId("ask-countdown");
        await Expect(countdown).ToHaveTextAsync(new Regex("^[12]s left$"));
        await Expect(countdown).ToHaveClassAsync(new Regex("urgent"));

        await Expect(page.GetByTestId("ask-prompt")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(LastReply(page)).ToContainTextAsync("Too late: no answer.");
    }

    [GeneratedRegex(@"^(1:00|[0-5]?\ds) left$")]
    private static partial Regex CountdownText();
}
