using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Protocol;
using Parley.Tests.Authentication.Modes;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

/// <summary>samples/CopilotHost, run as a process: a shop site mints the token, Parley on another origin accepts it.</summary>
public sealed class CopilotHostSampleTests
{
    [Fact]
    public async Task The_shops_token_signs_its_shopper_into_parley_from_the_shops_origin_and_the_handler_calls_the_page()
    {
        var shopPort = FreePort();
        var shop = new Uri($"http://127.0.0.1:{shopPort}/");
        var data = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var dll = SampleApps.Dll("CopilotHost");
        await using var app = await AppProcess.StartAsync("dotnet", [dll], Path.GetDirectoryName(dll)!, data, TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["Shop__Url"] = shop.ToString().TrimEnd('/') });
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            // The process reports Parley listening; the shop in the same process starts right after.
            var page = await GetWhenListeningAsync(http, shop);
            Assert.Contains($"{app.BaseAddress}copilot/index.js", page);
            var token = await http.GetStringAsync(new Uri(shop, "parley-token"), TestContext.Current.CancellationToken);

            using var config = new HttpRequestMessage(HttpMethod.Get, new Uri(app.BaseAddress, "api/config"));
            config.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            config.Headers.Add("Origin", shop.GetLeftPart(UriPartial.Authority));
            using var answer = await http.SendAsync(config, TestContext.Current.CancellationToken);
            var body = await answer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal("shopper-42", body.GetProperty("user").GetProperty("identifier").GetString());
            Assert.Equal(shop.GetLeftPart(UriPartial.Authority), answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.False(answer.Headers.Contains("Set-Cookie"));

            await using var hub = await HubClient.ConnectAsync(new Uri(app.BaseAddress, "hub"), new Dictionary<string, string>(),
                origin: shop.GetLeftPart(UriPartial.Authority), cancellationToken: TestContext.Current.CancellationToken, queryAccessToken: token);
            await hub.SendAsync(new StartChat());
            await hub.WaitForAsync<ChatStarted>(s => s.User.Identifier == "shopper-42");
            await hub.SendAsync(new SendUserMessage("c1", "Where is my order?"));
            var call = await hub.WaitForAsync<HostFunctionCall>(c => c.Name == "getCart");
            await hub.SendAsync(new HostFunctionResult(call.CallId, JsonSerializer.SerializeToElement(new { items = 3 })));
            await hub.WaitForAsync<StepEvent>(e => e.Step.Output == "Hello Sam Shopper: your cart holds 3 items. You asked: Where is my order?");
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<string> GetWhenListeningAsync(HttpClient http, Uri url)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await http.GetStringAsync(url, TestContext.Current.CancellationToken);
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
