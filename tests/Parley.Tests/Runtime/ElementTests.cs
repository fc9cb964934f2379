using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Parley.Chat;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Runtime;

public sealed class ElementTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Elements_from_bytes_a_server_file_a_url_and_custom_props_reach_the_owner_only()
    {
        var serverFile = Path.Combine(Path.GetTempPath(), "parley-report-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(serverFile, "%PDF-1.4 test"u8.ToArray(), TestContext.Current.CancellationToken);
        try
        {
            await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnMessage((m, ctx) =>
                ctx.SendMessageAsync("Here", new MessageOptions
                {
                    Elements =
                    [
                        Element.Image("pixel.png", Png),
                        Element.FromFile(ElementTypes.Pdf, serverFile, "report.pdf"),
                        Element.FromUrl(ElementTypes.Video, new Uri("https://videos.example.com/demo.mp4"), "Demo"),
                        Element.Custom("Chart", new { series = new[] { 1, 2, 3 } }, ElementDisplay.Side),
                    ],
                }))));
            await using var hub = await server.ConnectAsync("alice");
            await hub.SendAsync(new StartChat());
            await hub.SendAsync(new SendUserMessage("c1", "show"));
            await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "Here");
            var elements = new List<ElementDto>();
            while (elements.Count < 4)
            {
                elements.Add((await hub.WaitForAsync<ElementEvent>()).Element);
            }

            var image = elements.Single(e => e.Type == ElementTypes.Image);
            var pdf = elements.Single(e => e.Type == ElementTypes.Pdf);
            var video = elements.Single(e => e.Type == ElementTypes.Video);
            var custom = elements.Single(e => e.Type == ElementTypes.Custom);
            Assert.Equal("https://videos.example.com/demo.mp4", video.Url);
            Assert.Equal("side", custom.Display);
            Assert.Equal([1, 2, 3], custom.Props!.Value.GetProperty("series").EnumerateArray().Select(x => x.GetInt32()));
            Assert.DoesNotContain(serverFile, JsonSerializer.Serialize(elements));

            using var alice = await ApiClient.CreateAsync(server, "alice");
            using var mallory = await ApiClient.CreateAsync(server, "mallory");
            using var imageResponse = await alice.Http.GetAsync(image.Url!.TrimStart('/'), TestContext.Current.CancellationToken);
            Assert.Equal(Png, await imageResponse.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            Assert.Equal("image/png", imageResponse.Content.Headers.ContentType!.MediaType);
            Assert.Equal("inline", imageResponse.Content.Headers.ContentDisposition!.DispositionType);
            using var pdfResponse = await alice.Http.GetAsync(pdf.Url!.TrimStart('/'), TestContext.Current.CancellationToken);
            Assert.Equal("%PDF-1.4 test", await pdfResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            using var stolen = await mallory.Http.GetAsync(image.Url!.TrimStart('/'), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        }
        finally
        {
            File.Delete(serverFile);
        }
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    public void An_element_url_must_be_http_or_https(string url)
    {
        Assert.Throws<ArgumentException>(() => Element.FromUrl(ElementTypes.Image, new Uri(url), "x"));
    }

    [Fact]
    public async Task Files_dropped_on_the_chat_reach_the_files_uploaded_hook()
    {
        var received = new TaskCompletionSource<IReadOnlyList<ChatFile>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat
            .OnFilesUploaded((files, ctx, ct) => { received.TrySetResult(files); return Task.CompletedTask; })));
        using var alice = await ApiClient.CreateAsync(server, "alice");
        var ids = await UploadAsync(alice, ("data.csv", "a,b\n1,2"u8.ToArray()));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());

        Assert.True((await hub.SendAsync(new UploadFiles(ids))).Ok);

        var files = await received.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal("a,b\n1,2", await Assert.Single(files).ReadAllTextAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Asking_for_files_refuses_a_type_outside_the_accept_list_then_takes_a_matching_one()
    {
        await using var server = await ParleyTestServer.StartAsync(app => app.MapParley("/", chat => chat.OnChatStart(async ctx =>
        {
            var files = await ctx.AskFilesAsync("Upload a CSV", new AskFilesOptions { Accept = [".csv"], MaxFiles = 1 }, TimeSpan.FromSeconds(30));
            await ctx.SendMessageAsync($"got {files?.Single().Name}");
        })));
        using var alice = await ApiClient.CreateAsync(server, "alice");
        var wrong = await UploadAsync(alice, ("notes.txt", "hello"u8.ToArray()));
        var right = await UploadAsync(alice, ("table.csv", "a,b"u8.ToArray()));
        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        var ask = await hub.WaitForAsync<AskEvent>();
        Assert.Equal(AskKind.Files, ask.Kind);

        Assert.Equal(ErrorCodes.BadRequest, (await hub.SendAsync(new AskReply(ask.AskId, FileIds: wrong))).Code);
        Assert.True((await hub.SendAsync(new AskReply(ask.AskId, FileIds: right))).Ok);

        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "got table.csv");
    }

    private static async Task<IReadOnlyList<string>> UploadAsync(ApiClient client, params (string Name, byte[] Bytes)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }
        using var response = await client.Http.PostAsync("api/files", form, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<UploadedFileDto[]>(TestContext.Current.CancellationToken))!.Select(f => f.Id)];
    }
}
