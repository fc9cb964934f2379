using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using MountInExistingApp;

var builder = WebApplication.CreateBuilder(args);

// The existing app: its own users and its own cookie sign-in, with a login page of its own.
builder.Services.AddSingleton<ShopUsers>();
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(cookie =>
    {
        cookie.LoginPath = "/account/login";
        cookie.Cookie.Name = ".shop.auth";
    });
builder.Services.AddAuthorization();

// Parley signs nobody in itself: Parley:Auth:HostApp:Enabled (appsettings.json) makes it use the
// app's sign-in. The app's ClaimsPrincipal becomes a Parley user through IParleyUserMapper.
builder.Services.AddParley();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapGet("/", (HttpContext context, IAntiforgery antiforgery) => Pages.Home(context.User, antiforgery.GetAndStoreTokens(context)));
app.MapGet("/account/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
    Pages.Login(antiforgery.GetAndStoreTokens(context), returnUrl, failed: false));
app.MapPost("/account/login", async (HttpContext context, IAntiforgery antiforgery, ShopUsers users, [FromForm] LoginForm form) =>
{
    if (users.Verify(form.UserName, form.Password) is not { } principal)
    {
        return Pages.Login(antiforgery.GetAndStoreTokens(context), form.ReturnUrl, failed: true);
    }
    await context.SignInAsync(principal);
    return Results.LocalRedirect(Pages.IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/");
});
app.MapPost("/account/logout", async (HttpContext context) =>
{
    await context.SignOutAsync();
    return Results.LocalRedirect("/");
});

app.MapParley("/chat", chat => chat.OnMessage((message, ctx) =>
    ctx.SendMessageAsync($"Hello {ctx.User.DisplayName ?? ctx.User.Identifier}, you said: {message.Content}")));

app.Run();

/// <summary>The login form's fields.</summary>
internal sealed record LoginForm(string UserName, string Password, string? ReturnUrl);
