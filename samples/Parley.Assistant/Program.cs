using Microsoft.AspNetCore.DataProtection;
using Parley.Assistant;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddParley();
// Parley:Llm:BaseUrl / ApiKey / Model select an OpenAI-compatible model; with none, the offline demo answers.
builder.Services.AddParleyChatClient(builder.Configuration);
builder.Services.AddSingleton<AssistantStore>();
// Keys that sign the session cookie live in the database, so sign-ins survive restarts and
// instances on one PostgreSQL database share them. A fixed application name (instead of the
// default, the content root path) lets instances installed in different folders read each
// other's cookies.
builder.Services.AddDataProtection().SetApplicationName("Parley.Assistant").PersistKeysToParleyDatabase();
var dataDirectory = Path.GetFullPath(builder.Configuration["Parley:DataDirectory"] ?? "data", builder.Environment.ContentRootPath);

var app = builder.Build();
// `dotnet run -- parley create-admin --username NAME` (built-in accounts) runs and exits here.
if (await app.RunParleyCommandsAsync(args))
{
    return;
}
AssistantEndpoints.Map(app.MapParley<AssistantHandler>("/"));
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls)
    {
        Console.WriteLine($"Parley is running at {address} (data in {dataDirectory})");
    }
});
app.Run();
