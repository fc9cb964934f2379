using Parley.Tests.Authentication.Modes;
using Parley.Tests.Infrastructure;
using Parley.Protocol;
using Parley.Tests.Fixtures;

namespace Parley.Tests.Hosting;

/// <summary>The ready-to-host app, run as an operator runs it, pointed at an OpenAI-compatible server through its documented settings.</summary>
public sealed class AssistantAppTests
{
    [Fact]
    public async Task The_address_an_operator_gives_in_ASPNETCORE_URLS_is_the_one_it_listens_on()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var dll = SampleApps.Dll("Parley.Assistant");
        await using (var app = await AppProcess.StartAsync("dotnet", [dll], Path.GetDirectoryName(dll)!, data, TimeSpan.FromSeconds(60), urlsFromEnvironment: true))
        {
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
            using var config = await http.GetAsync("api/config", TestContext.Current.CancellationToken);

            Assert.Equal(System.Net.HttpStatusCode.OK, config.StatusCode);
            Assert.Contains("Now listening on: " + app.BaseAddress.AbsoluteUri.TrimEnd('/'), app.Output, StringComparison.Ordinal);
        }
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Configured_with_environment_variables_the_app_streams_the_models_reply_with_history_and_instructions()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Enqueue(FakeReply.Text("Paris", " is the", " capital."));
        await using var app = await AssistantApp.StartAsync(model);
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        Assert.Equal(AssistantApp.AdminUsername, (await AssistantApp.StartChatAsync(hub)).User.Identifier);

        Assert.True((await hub.SendAsync(new SendUserMessage("c1", "What is the capital of France?"))).Ok);

        var reply = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage && !e.Step.Streaming && e.Step.Output.Length > 0);
        Assert.Equal("Paris is the capital.", reply.Step.Output);
        var request = model.Requests[0];
        Assert.Equal("fake-model", request.Model);
        Assert.Equal("Bearer sk-test-key-never-shown", request.Header("Authorization"));
        Assert.Equal("system", request.Messages[0].GetProperty("role").GetString());
        Assert.Equal("user: What is the capital of France?", request.Transcript[^1]);
    }

    [Fact]
    public async Task A_rejected_key_shows_a_clear_message_keeps_the_users_message_and_a_retry_works()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Enqueue(FakeReply.Unauthorized("sk-test-key-never-shown"));
        await using var app = await AssistantApp.StartAsync(model);
        using var admin = await app.SignInAdminAsync();
        await using var hub = await app.ConnectHubAsync(admin);
        await AssistantApp.StartChatAsync(hub);
        await hub.SendAsync(new SendUserMessage("c1", "Hello?"));

        var error = await hub.WaitForAsync<StepEvent>(e => e.Step.IsError);
        await hub.WaitForAsync<RunningEvent>(e => !e.Running);
        Assert.Contains("API key", error.Step.Output);
        Assert.DoesNotContain("sk-test-key-never-shown", error.Step.Output);
        Assert.Contains(hub.Seen.OfType<StepEvent>(), e => e.Step.Type == StepTypes.UserMessage && e.Step.Output == "Hello?");

        model.Enqueue(FakeReply.Text("Hi", " there."));
        Assert.True((await hub.SendAsync(new RegenerateReply())).Ok);

        await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage && !e.Step.Streaming && e.Step.Output == "Hi there.");
        Assert.DoesNotContain("sk-test-key-never-shown", app.Process.Output);
    }
}
