#:sdk Microsoft.NET.Sdk.Web
#:project ../../src/Parley/Parley.csproj
#:property PublishAot=false
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddParley();
var app = builder.Build();
app.MapParley("/", chat => chat.OnMessage((message, ctx) => ctx.SendMessageAsync($"Echo: {message.Content}")));
app.Run();
