using System.Net;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

public sealed class OneFileAppTests
{
    [Fact]
    public async Task The_one_file_echo_app_starts_with_dotnet_run_and_answers_in_a_chat()
    {
        var sample = Path.Combine(AppProcess.RepositoryRoot, "samples", "OneFile");
        Assert.True(File.ReadAllLines(Path.Combine(sample, "app.cs")).Length <= 10, "The one-file sample must stay within ten lines.");
        var data = Path.Combine(Path.GetTempPath(), "parley-onefile-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The first run builds the app and the library, which takes a while on a small machine.
            await using var app = await AppProcess.StartAsync("dotnet", ["run", "app.cs", "--"], sample, data, TimeSpan.FromMinutes(5));
            await using var hub = await CrashRecoveryTests.ConnectAnonymousAsync(app.BaseAddress, new CookieContainer());

            await hub.SendAsync(new StartChat());
            await hub.WaitForAsync<ChatStarted>();
            Assert.True((await hub.SendAsync(new SendUserMessage("c1", "hello there"))).Ok);

            await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "Echo: hello there");
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
