using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Api;
using Parley.Authentication;
using Parley.Authentication.Modes;

namespace Parley.Ui;

/// <summary>Serves the web app (any client-side route gets index.html) and the copilot script.</summary>
internal static class UiEndpoints
{
    private const string HeadPlaceholder = "<!--parley:head-->";
    private const string ScriptsPlaceholder = "<!--parley:scripts-->";

    /// <summary>No inline script anywhere; the page may connect only to its own origin and cannot be framed.</summary>
    internal const string PageCsp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; " +
        "media-src 'self' blob: https:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", IndexAsync);
        group.MapGet("/thread/{threadId}", IndexAsync);
        // The sign-in page: the same app, which shows the sign-in modes when it sees this path.
        group.MapGet("/login", LoginPageAsync);
        group.MapGet("/assets/{**path}", (HttpContext context, string path, UiAssets assets) => Serve(context, assets, "app/assets/" + path, immutable: true));
        group.MapGet("/copilot/{**path}", (HttpContext context, string path, UiAssets assets) => Serve(context, assets, "copilot/" + path, immutable: false));
    }

    private static Task<IResult> IndexAsync(HttpContext context, UiAssets assets, IOptions<ParleyUiOptions> ui, ParleyAuthModes modes) =>
        PageAsync(context, assets, ui.Value, modes, signInAnonymously: true);

    /// <summary>The sign-in page does not sign anyone in by itself: it shows how to.</summary>
    private static Task<IResult> LoginPageAsync(HttpContext context, UiAssets assets, IOptions<ParleyUiOptions> ui, ParleyAuthModes modes) =>
        PageAsync(context, assets, ui.Value, modes, signInAnonymously: false);

    private static async Task<IResult> PageAsync(HttpContext context, UiAssets assets, ParleyUiOptions ui, ParleyAuthModes modes, bool signInAnonymously)
    {
        SetPageHeaders(context.Response);
        if (signInAnonymously)
        {
            await AnonymousSignIn.EnsureAsync(context);
        }
        else if (await context.AuthenticateAsync(ParleyAuthenticationDefaults.Scheme) is { Succeeded: true } signedIn)
        {
            context.User = signedIn.Principal;
        }
        if (modes.HostAppEnabled && context.User.Identity?.IsAuthenticated != true)
        {
            // The host app's own sign-in (its login page, typically), which brings the visitor back here.
            return Results.Challenge(authenticationSchemes: [ParleyAuthenticationDefaults.Scheme]);
        }
        var index = assets.Find("app/index.html");
        if (index is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The Parley web UI is not built",
                detail: "This build of Parley has no web UI (it was built with ParleySkipFrontendBuild=true, or npm was missing). Build src/Parley with Node.js and npm available.");
        }
        var baseHref = WebUtility.HtmlEncode(context.AppUrlBase() + "/");
        var scripts = string.Concat(ui.Scripts.Select(src => $"<script src=\"{WebUtility.HtmlEncode(src)}\" defer></script>"));
        var html = Encoding.UTF8.GetString(index.Bytes)
            .Replace(HeadPlaceholder, $"<base href=\"{baseHref}\"><meta name=\"parley-base\" content=\"{baseHref}\">", StringComparison.Ordinal)
            .Replace(ScriptsPlaceholder, scripts, StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static IResult Serve(HttpContext context, UiAssets assets, string path, bool immutable)
    {
        var asset = assets.Find(path);
        if (asset is null || path.Contains("..", StringComparison.Ordinal))
        {
            return Results.NotFound();
        }
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "public, max-age=300";
        headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    internal static void SetPageHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = PageCsp;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.CacheControl = "no-store";
    }
}
