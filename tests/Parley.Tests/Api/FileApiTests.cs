using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Parley.Chat;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Api;

public sealed class FileApiTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static Task<ParleyTestServer> ServerAsync(Action<Parley.Hosting.ParleyOptions>? configure = null) => ParleyTestServer.StartAsync(
        app => app.MapParley("/", chat => chat.OnMessage(async (m, ctx) =>
        {
            var summary = string.Join(", ", await Task.WhenAll(m.Files.Select(async f => $"{f.Name}:{f.Mime}:{(f.Mime.StartsWith("text/") ? await f.ReadAllTextAsync() : f.Size.ToString())}")));
            await ctx.SendMessageAsync($"got [{summary}]");
        })),
        configure);

    private static MultipartFormDataContent Form(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/html");
            form.Add(part, "files", name);
        }
        return form;
    }

    [Fact]
    public async Task An_uploaded_file_is_typed_from_its_content_and_reaches_the_handler_with_a_message()
    {
        await using var server = await ServerAsync();
        using var alice = await ApiClient.CreateAsync(server, "alice");

        using var response = await alice.Http.PostAsync("api/files", Form(("notes.txt", "hello file"u8.ToArray()), ("pixel.png", Png)), TestContext.Current.CancellationToken);
        var uploaded = await response.Content.ReadFromJsonAsync<UploadedFileDto[]>(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["text/plain", "image/png"], uploaded!.Select(u => u.Mime));
        Assert.Equal(["text", "image"], uploaded!.Select(u => u.Type));

        await using var hub = await server.ConnectAsync("alice");
        await hub.SendAsync(new StartChat());
        Assert.True((await hub.SendAsync(new SendUserMessage("c1", "see files", [.. uploaded!.Select(u => u.Id)]))).Ok);

        await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "got [notes.txt:text/plain:hello file, pixel.png:image/png:" + Png.Length + "]");
        Assert.Equal(2, hub.Seen.OfType<ElementEvent>().Count());
    }

    [Fact]
    public async Task Html_disguised_as_an_image_is_never_served_as_an_image_or_inline()
    {
        await using var server = await ServerAsync();
        using var alice = await ApiClient.CreateAsync(server, "alice");

        using var response = await alice.Http.PostAsync("api/files", Form(("cat.png", "<html><script>alert(document.cookie)</script></html>"u8.ToArray())), TestContext.Current.CancellationToken);

        if (response.StatusCode == HttpStatusCode.OK)
        {
            var uploaded = (await response.Content.ReadFromJsonAsync<UploadedFileDto[]>(TestContext.Current.CancellationToken))!.Single();
            Assert.NotEqual("image/png", uploaded.Mime);
            Assert.DoesNotContain("html", uploaded.Mime);
        }
        else
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }
    }

    [Fact]
    public async Task Path_tricks_in_file_names_become_plain_display_names()
    {
        await using var server = await ServerAsync();
        using var alice = await ApiClient.CreateAsync(server, "alice");

        using var response = await alice.Http.PostAsync("api/files", Form(("../../../etc/passwd.txt", "x"u8.ToArray()), ("C:\\Windows\\evil.txt", "y"u8.ToArray())), TestContext.Current.CancellationToken);
        var uploaded = await response.Content.ReadFromJsonAsync<UploadedFileDto[]>(TestContext.Current.CancellationToken);

        Assert.Equal(["passwd.txt", "evil.txt"], uploaded!.Select(u => u.Name));
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "etc", "passwd.txt")));
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_with_413_and_leaves_nothing_stored()
    {
        await using var server = await ServerAsync(o => o.Limits.MaxUploadBytes = 1024);
        using var alice = await ApiClient.CreateAsync(server, "alice");

        using var response = await alice.Http.PostAsync("api/files", Form(("small.txt", "ok"u8.ToArray()), ("big.txt", new byte[100 * 1024])), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var files = Path.Combine(server.DataDirectory, "files");
        Assert.True(!Directory.Exists(files) || Directory.GetFiles(files, "*", SearchOption.AllDirectories).Length == 0);
    }

    [Fact]
    public async Task More_files_than_allowed_in_one_upload_are_refused()
    {
        await using var server = await ServerAsync(o => o.Limits.MaxFilesPerMessage = 2);
        using var alice = await ApiClient.CreateAsync(server, "alice");

        using var response = await alice.Http.PostAsync("api/files", Form(("a.txt", "a"u8.ToArray()), ("b.txt", "b"u8.ToArray()), ("c.txt", "c"u8.ToArray())), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Another_users_upload_cannot_be_attached_or_downloaded()
    {
        await using var server = await ServerAsync();
        using var alice = await ApiClient.CreateAsync(server, "alice");
        using var upload = await alice.Http.PostAsync("api/files", Form(("secret.txt", "alice's secret"u8.ToArray())), TestContext.Current.CancellationToken);
        var fileId = (await upload.Content.ReadFromJsonAsync<UploadedFileDto[]>(TestContext.Current.CancellationToken))!.Single().Id;
        using var mallory = await ApiClient.CreateAsync(server, "mallory");

        using var download = await mallory.Http.GetAsync($"api/elements/{fileId}", TestContext.Current.CancellationToken);
        await using var hub = await server.ConnectAsync("mallory");
        await hub.SendAsync(new StartChat());
        await hub.SendAsync(new SendUserMessage("c1", "steal", [fileId]));
        var reply = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal("got []", reply.Step.Output);
        Assert.Empty(hub.Seen.OfType<ElementEvent>());
    }
}
