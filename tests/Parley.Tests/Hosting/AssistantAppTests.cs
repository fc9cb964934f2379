using System.Net;
using Parley.Protocol;
using Parley.Tests.Authentication.Modes;
using Parley.Tests.Fixtures;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

/// <summary>The ready-to-host app, run as an operator runs it, pointed at an OpenAI-compatible server through its documented settings.</summary>
public sealed class AssistantAppTests
{
    private static async Task<(AppProcess App, string Data)> StartAsync(FakeOpenAiServer model)
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var dll = SampleApps.Dll("Parley.Assistant");
        var app = await AppProcess.StartAsync("dotnet", [dll], Path.GetDirectoryName(dll)!, data, TimeSpan.FromSeconds(60), new Dictionary<string, string>
        {
            ["Parley__Llm__BaseUrl"] = model.BaseUrl,
            ["Parley__Llm__ApiKey"] = "sk-test-key-never-shown",
            ["Parley__Llm__Model"] = "fake-model",
            ["Parley__Llm__MaxRetries"] = "0",
        });
        return (app, data);
    }

    [Fact]
    public async Task Configured_with_environment_variables_the_app_streams_the_models_reply_with_history_and_instructions()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Enqueue(FakeReply.Text("Paris", " is the", " capital."));
        var (app, data) = await StartAsync(model);
        try
        {
            await using var hub = await CrashRecoveryTests.ConnectAnonymousAsync(app.BaseAddress, new CookieContainer());
            await hub.SendAsync(new StartChat());
            await hub.WaitForAsync<ChatStarted>();

            Assert.True((await hub.SendAsync(new SendUserMessage("c1", "What is the capital of France?"))).Ok);

            var reply = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage && !e.Step.Streaming && e.Step.Output.Length > 0);
            Assert.Equal("Paris is the capital.", reply.Step.Output);
            var request = model.Requests[0];
            Assert.Equal("fake-model", request.Model);
            Assert.Equal("Bearer sk-test-key-never-shown", request.Header("Authorization"));
            Assert.Equal("system", request.Messages[0].GetProperty("role").GetString());
            Assert.Equal("user: What is the capital of France?", request.Transcript[^1]);
        }
        finally
        {
            await app.DisposeAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task A_rejected_key_shows_a_clear_message_keeps_the_users_message_and_a_retry_works()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Enqueue(FakeReply.Unauthorized("sk-test-key-never-shown"));
        var (app, data) = await StartAsync(model);
        try
        {
            await using var hub = await CrashRecoveryTests.ConnectAnonymousAsync(app.BaseAddress, new CookieContainer());
            await hub.SendAsync(new StartChat());
            await hub.WaitForAsync<ChatStarted>();
            await hub.SendAsync(new SendUserMessage("c1", "Hello?"));

            var error = await hub.WaitForAsync<StepEvent>(e => e.Step.IsError);
            await hub.WaitForAsync<RunningEvent>(e => !e.Running);
            Assert.Contains("API key", error.Step.Output);
            Assert.DoesNotContain("sk-test-key-never-shown", error.Step.Output);
            Assert.Contains(hub.Seen.OfType<StepEvent>(), e => e.Step.Type == StepTypes.UserMessage && e.Step.Output == "Hello?");

            model.Enqueue(FakeReply.Text("Hi", " there."));
            Assert.True((await hub.SendAsync(new RegenerateReply())).Ok);

            await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage && !e.Step.Streaming && e.Step.Output == "Hi there.");
            Assert.DoesNotContain("sk-test-key-never-shown", app.Output);
        }
        finally
        {
            await app.DisposeAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
