using System.Net;
using System.Security.Cryptography;
using JWT.Algorithms;
using JWT.Builder;

// Two sites in one process, as they would be in production on two servers:
// Parley (Urls, default http://127.0.0.1:5000) with copilot tokens on, and a shop
// (Shop:Url, default http://127.0.0.1:5100) whose page embeds the copilot and whose backend
// mints a short-lived token for its signed-in shopper.
var parleyBuilder = WebApplication.CreateBuilder(args);
var shopUrl = parleyBuilder.Configuration["Shop:Url"] ?? "http://127.0.0.1:5100";
// A secret shared by the two backends only; generated per run so none sits in a file.
var secret = parleyBuilder.Configuration["Parley:Auth:Copilot:Secret"] ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
parleyBuilder.Services.AddParley(options =>
{
    options.AppName = "Shop assistant";
    options.Auth.Copilot.Enabled = true;
    options.Auth.Copilot.AllowedOrigins = [new Uri(shopUrl).GetLeftPart(UriPartial.Authority)];
});
parleyBuilder.Services.Configure<Parley.Authentication.Copilot.CopilotTokenOptions>(
    Parley.Authentication.Copilot.CopilotTokenDefaults.AuthenticationScheme, o => o.Secret = secret);
var parley = parleyBuilder.Build();
parley.MapParley("/", chat => chat.OnMessage(async (message, ctx) =>
{
    var cart = await ctx.CallHostFunctionAsync("getCart");
    await ctx.SendMessageAsync($"Hello {ctx.User.DisplayName}: your cart holds {cart.GetProperty("items").GetInt32()} items. You asked: {message.Content}");
}));

var shopBuilder = WebApplication.CreateBuilder();
shopBuilder.WebHost.UseUrls(shopUrl);
var shop = shopBuilder.Build();
shop.MapGet("/", (HttpContext context) => Results.Content(ShopPage(parley.Urls.First()), "text/html; charset=utf-8"));
// The shop's own sign-in decides who this is; here every visitor is the demo shopper.
shop.MapGet("/parley-token", () => new JwtBuilder()
    .WithAlgorithm(new HMACSHA256Algorithm())
    .WithSecret(secret)
    .AddClaim("identifier", "shopper-42")
    .AddClaim("display_name", "Sam Shopper")
    .AddClaim("exp", DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds())
    .AddClaim("iat", DateTimeOffset.UtcNow.ToUnixTimeSeconds())
    .Encode());

await parley.StartAsync();
await shop.StartAsync();
Console.WriteLine($"Parley is running at {parley.Urls.First()}; the shop page with the copilot is at {shopUrl}");
await parley.WaitForShutdownAsync();
await shop.StopAsync();

static string ShopPage(string parleyUrl)
{
    var server = WebUtility.HtmlEncode(parleyUrl.TrimEnd('/') + "/");
    return $$"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Shop</title></head>
        <body>
          <h1>The shop</h1>
          <p>Your cart: 3 items. The assistant in the corner knows it.</p>
          <script src="{{server}}copilot/index.js"></script>
          <script>
            window.mountParleyWidget({
              server: '{{server}}',
              getAccessToken: () => fetch('/parley-token').then((r) => r.text()),
              hostFunctions: { getCart: async () => ({ items: 3 }) },
            });
          </script>
        </body>
        </html>
        """;
}
