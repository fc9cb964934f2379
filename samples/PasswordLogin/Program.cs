using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Parley.Authentication.Password;

// Password sign-in checked by the app's own user directory (here: users in appsettings.json with
// password hashes made by ASP.NET Core Identity's PasswordHasher), Chainlit's
// @password_auth_callback in C#. Parley keeps the session; the app only says who the user is.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddParley(options => options.Auth.AllowAnonymous = false);
var directory = builder.Configuration.GetSection("Directory:Users").Get<DirectoryUser[]>() ?? [];
var hasher = new PasswordHasher<DirectoryUser>();
builder.Services.AddParleyPasswordLogin((username, password, ct) =>
{
    var user = directory.FirstOrDefault(u => string.Equals(u.UserName, username, StringComparison.OrdinalIgnoreCase));
    var verified = user is not null && hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
    return ValueTask.FromResult(verified ? new ParleyUserInfo(user!.UserName, user.DisplayName) : null);
});
builder.Services.AddDataProtection().PersistKeysToParleyDatabase();

var app = builder.Build();
app.MapParley("/", chat => chat.OnMessage((message, ctx) =>
    ctx.SendMessageAsync($"{ctx.User.DisplayName}, you said: {message.Content}")));
app.Run();

/// <summary>A user of the app's own directory.</summary>
internal sealed record DirectoryUser(string UserName, string DisplayName, string PasswordHash);
