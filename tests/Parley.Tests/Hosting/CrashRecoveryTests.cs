using System.Net;
using System.Net.Http.Json;
using Parley.Protocol;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task After_kill_9_mid_stream_and_a_restart_the_thread_shows_everything_the_client_had_seen()
    {
        var data = Path.Combine(Path.GetTempPath(), "parley-crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            var cookies = new CookieContainer();
            string threadId;
            string seen;
            await using (var app = await AppProcess.StartTestAppAsync(data))
            {
                await using var hub = await ConnectAnonymousAsync(app.BaseAddress, cookies);
                await hub.SendAsync(new StartChat());
                threadId = (await hub.WaitForAsync<ChatStarted>()).ThreadId;
                Assert.True((await hub.SendAsync(new SendUserMessage("c1", "stream 10000 15"))).Ok);
                var reply = await hub.WaitForAsync<StepEvent>(e => e.Step.Type == StepTypes.AssistantMessage);
                while (hub.Seen.OfType<TokenEvent>().Count() < 15)
                {
                    await hub.WaitForAsync<TokenEvent>();
                }

                await app.KillAsync();
                seen = string.Concat(hub.Seen.OfType<TokenEvent>().Where(t => t.StepId == reply.Step.Id).Select(t => t.Text));
            }

            await using var restarted = await AppProcess.StartTestAppAsync(data);
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = restarted.BaseAddress };
            var thread = await http.GetFromJsonAsync<ThreadDetailDto>($"api/threads/{threadId}", TestContext.Current.CancellationToken);

            var stored = thread!.Steps.Single(s => s.Type == StepTypes.AssistantMessage).Output;
            Assert.StartsWith("w0 w1 w2 ", seen);
            Assert.StartsWith(seen, stored);
            Assert.Equal("stream 10000 15", thread.Steps.Single(s => s.Type == StepTypes.UserMessage).Output);
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Gets the anonymous session cookie the way a browser does, then opens the hub with it.</summary>
    internal static async Task<HubClient> ConnectAnonymousAsync(Uri baseAddress, CookieContainer cookies, string appPath = "")
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseAddress };
        using var config = await http.GetAsync(appPath.TrimStart('/') + "api/config");
        config.EnsureSuccessStatusCode();
        var cookieHeader = cookies.GetCookieHeader(baseAddress);
        return await HubClient.ConnectAsync(new Uri(baseAddress, appPath + "hub"), new Dictionary<string, string> { ["Cookie"] = cookieHeader });
    }
}
