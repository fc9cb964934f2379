using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Protocol;
using Parley.Tests.Authentication.Modes;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

/// <summary>samples/PasswordLogin, run as a process: the app's own directory decides, Parley keeps the session.</summary>
public sealed class PasswordLoginSampleTests
{
    [Fact]
    public async Task A_directory_user_signs_in_and_chats_and_a_wrong_password_signs_nobody_in()
    {
        var (app, data) = await SampleApps.StartAsync("PasswordLogin");
        await using var _ = app;
        try
        {
            var cookies = new CookieContainer();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var config = await http.GetFromJsonAsync<JsonElement>("api/config", TestContext.Current.CancellationToken);
            Assert.Contains("password", config.GetProperty("auth").GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal(JsonValueKind.Null, config.GetProperty("user").ValueKind);
            var antiforgery = config.GetProperty("antiforgery");
            http.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());

            using var wrong = await http.PostAsJsonAsync("api/auth/login", new { username = "alice", password = "guess" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            using var right = await http.PostAsJsonAsync("api/auth/login", new { username = "alice", password = "wonderland-demo" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);

            await using var hub = await HubClient.ConnectAsync(new Uri(app.BaseAddress, "hub"),
                new Dictionary<string, string> { ["Cookie"] = cookies.GetCookieHeader(app.BaseAddress) }, cancellationToken: TestContext.Current.CancellationToken);
            await hub.SendAsync(new StartChat());
            await hub.WaitForAsync<ChatStarted>(s => s.User.Identifier == "alice");
            await hub.SendAsync(new SendUserMessage("c1", "hi"));
            await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "Alice, you said: hi");
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
