using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;

namespace MountInExistingApp;

/// <summary>The existing app's pages: plain HTML, every value encoded.</summary>
internal static class Pages
{
    public static IResult Home(ClaimsPrincipal user, AntiforgeryTokenSet tokens) => Page("Shop", user.Identity?.IsAuthenticated == true
        ? $"""
          <p>Signed in as <strong>{Encode(user.Identity.Name)}</strong>.</p>
          <p><a href="/chat/">Open the assistant</a></p>
          <form method="post" action="/account/logout">{Hidden(tokens)}<button>Sign out</button></form>
          """
        : """<p><a href="/account/login">Sign in</a> to use the assistant.</p>""");

    public static IResult Login(AntiforgeryTokenSet tokens, string? returnUrl, bool failed) => Page("Sign in", $"""
        {(failed ? "<p role=\"alert\">Wrong user name or password.</p>" : "")}
        <form method="post" action="/account/login">
          {Hidden(tokens)}
          <input type="hidden" name="ReturnUrl" value="{Encode(IsLocal(returnUrl) ? returnUrl : "/")}">
          <label>User name <input name="UserName" autocomplete="username" required></label>
          <label>Password <input name="Password" type="password" autocomplete="current-password" required></label>
          <button>Sign in</button>
        </form>
        <p>Demo users: alice / wonderland, bob / can-we-fix-it.</p>
        """, failed ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);

    /// <summary>Only paths on this site: never <c>//evil.example</c> or <c>/\evil.example</c>.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static string Hidden(AntiforgeryTokenSet tokens) =>
        $"""<input type="hidden" name="{Encode(tokens.FormFieldName)}" value="{Encode(tokens.RequestToken)}">""";

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{Encode(title)}</title></head>
        <body><h1>{Encode(title)}</h1>{body}</body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
