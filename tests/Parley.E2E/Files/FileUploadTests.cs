using System.Text;
using Microsoft.Playwright;
using Parley.E2E.Host.Apps;
using Parley.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.E2E.Files;

/// <summary>The e2e host allows files of up to 256 KB, three per message.</summary>
public sealed class FileUploadTests(E2EFixture fixture) : E2ETest(fixture)
{
    private const string DropFiles = """
        ({ files }) => {
          const transfer = new DataTransfer();
          for (const f of files) transfer.items.add(new File([f.content.repeat(f.repeat)], f.name, { type: f.type }));
          const target = document.querySelector('[data-testid=chat-view]');
          target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
          target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }
        """;

    private const string PasteFiles = """
        ({ files }) => {
          const transfer = new DataTransfer();
          for (const f of files) transfer.items.add(new File([f.content.repeat(f.repeat)], f.name, { type: f.type }));
          const target = document.querySelector('[data-testid=composer-input]');
          target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
        }
        """;

    [Fact(Timeout = Timeout)]
    public async Task Files_attached_with_the_button_are_uploaded_then_sent_with_the_message()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await Expect(page.GetByTestId("attach-button")).ToHaveAttributeAsync("aria-label", "Attach files (up to 3, 256 KB each)");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByTestId("attach-button").ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("twelve bytes") });
        await Expect(page.GetByTestId("attachment")).ToHaveAttributeAsync("data-status", "ready");

        await SendAsync(page, "see the file");

        await Expect(LastReply(page)).ToContainTextAsync("Received 1 file(s): notes.txt (12 bytes)");
        await Expect(page.GetByTestId("attachment")).ToHaveCountAsync(0);
    }

    [Fact(Timeout = Timeout)]
    public async Task Files_dropped_on_the_chat_are_attached()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await page.EvaluateAsync(DropFiles, new { files = new[] { new { name = "dropped.csv", type = "text/csv", content = "a,b\n", repeat = 3 } } });
        await Expect(page.GetByTestId("attachment")).ToHaveAttributeAsync("data-status", "ready");

        await SendAsync(page, "dropped one");

        await Expect(LastReply(page)).ToContainTextAsync("Received 1 file(s): dropped.csv (12 bytes)");
    }

    [Fact(Timeout = Timeout)]
    public async Task Files_pasted_into_the_message_box_are_attached()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        await page.EvaluateAsync(PasteFiles, new { files = new[] { new { name = "pasted.txt", type = "text/plain", content = "pasted!", repeat = 2 } } });
        await Expect(page.GetByTestId("attachment")).ToHaveAttributeAsync("data-status", "ready");

        await SendAsync(page, "pasted one");

        await Expect(LastReply(page)).ToContainTextAsync("Received 1 file(s): pasted.txt (14 bytes)");
    }

    [Fact(Timeout = Timeout)]
    public async Task Files_beyond_the_limits_are_refused_with_a_reason_before_anything_is_uploaded()
    {
        var page = await OpenChatAsync(StreamApp.Path);
        var uploads = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/api/files", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref uploads);
            }
        };
        var error = page.GetByTestId("composer-error");

        await page.GetByTestId("file-input").SetInputFilesAsync(new FilePayload { Name = "big.bin", MimeType = "text/plain", Buffer = new byte[300 * 1024] });
        await Expect(error).ToHaveTextAsync("big.bin is larger than 256 KB.");

        await page.EvaluateAsync(DropFiles, new { files = new[] { new { name = "huge-drop.txt", type = "text/plain", content = "0123456789", repeat = 30_000 } } });
        await Expect(error).ToHaveTextAsync("huge-drop.txt is larger than 256 KB.");

        await page.EvaluateAsync(PasteFiles, new { files = new[] { new { name = "huge-paste.txt", type = "text/plain", content = "0123456789", repeat = 30_000 } } });
        await Expect(error).ToHaveTextAsync("huge-paste.txt is larger than 256 KB.");

        await page.EvaluateAsync(PasteFiles, new { files = new[] { new { name = "script.exe", type = "application/x-msdownload", content = "MZ", repeat = 1 } } });
        await Expect(error).ToContainTextAsync("script.exe is not an accepted file type");

        var four = Enumerable.Range(1, 4).Select(i => new { name = $"f{i}.txt", type = "text/plain", content = "x", repeat = 1 }).ToArray();
        await page.EvaluateAsync(DropFiles, new { files = four });
        await Expect(error).ToHaveTextAsync("At most 3 files can be attached.");
        await Expect(page.GetByTestId("attachment")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("attachment").Last).ToHaveAttributeAsync("data-status", "ready");
        Assert.Equal(1, uploads);
    }
}
