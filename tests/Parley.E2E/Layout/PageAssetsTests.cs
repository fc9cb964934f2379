using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Layout;

public sealed class PageAssetsTests(E2EFixture fixture) : E2ETest(fixture)
{
    [Fact(Timeout = Timeout)]
    public async Task Loading_the_app_requests_nothing_that_fails_and_it_has_a_favicon()
    {
        var page = await NewPageAsync();
        var failures = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (failures)
                {
                    failures.Add($"{response.Status} {response.Url}");
                }
            }
        };
        page.RequestFailed += (_, request) =>
        {
            lock (failures)
            {
                failures.Add($"failed {request.Url}");
            }
        };
        await page.GotoAsync(AppUrl(StreamApp.Path));
        await WaitForChatAsync(page);

        var icon = page.Locator("link[rel=icon]");
        var href = await icon.EvaluateAsync<string>("link => link.href");
        var response = await page.Context.APIRequest.GetAsync(href);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("image/svg+xml", response.Headers["content-type"], StringComparison.Ordinal);
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        lock (failures)
        {
            Assert.Empty(failures);
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task The_page_title_is_the_app_name_and_the_header_shows_the_thread_name()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await Expect(page).ToHaveTitleAsync("Parley");
        await Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Parley");
        await SendAndWaitAsync(page, "Weekend in Porto");
        await Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Weekend in Porto");
    }
}
