// Parley behind an SSO proxy (here nginx): who the user is comes from the proxy's
// X-WEBAUTH-USER header, believed only from Parley:Auth:Header:TrustedProxies. Everything is
// in appsettings.json; see README.md for the nginx side.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddParley();

var app = builder.Build();
app.MapParley("/", chat => chat.OnMessage((message, ctx) =>
    ctx.SendMessageAsync($"Hello {ctx.User.DisplayName ?? ctx.User.Identifier}, the proxy says it is you. You said: {message.Content}")));
app.Run();
