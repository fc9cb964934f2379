using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication;
using Parley.Authentication.Modes;
using Parley.Chat;
using Parley.Runtime;

namespace Parley.Api;

/// <summary>Request helpers shared by Parley's REST endpoints.</summary>
internal static class ParleyHttp
{
    private const string UserKey = "parley:user";

    /// <summary>The mapped app the request came through.</summary>
    public static ParleyApp App(this HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ParleyApp>() ?? throw new InvalidOperationException("Not a Parley endpoint.");

    /// <summary>The URL prefix of the app, including the host's path base.</summary>
    public static string AppUrlBase(this HttpContext context) => context.Request.PathBase + context.App().Pattern;

    /// <summary>The signed-in Parley user of the request (resolved once per request), or null.</summary>
    public static async Task<ParleyUser?> ParleyUserAsync(this HttpContext context)
    {
        if (context.Items.TryGetValue(UserKey, out var cached))
        {
            return (ParleyUser?)cached;
        }
        var resolver = context.RequestServices.GetRequiredService<ParleyUserResolver>();
        var user = await resolver.ResolveAsync(context.User, context.RequestAborted);
        context.Items[UserKey] = user;
        return user;
    }

    /// <summary>
    /// Issues the antiforgery tokens for this response. Antiforgery marks the response
    /// <c>no-cache, no-store</c> itself and logs a warning whenever it replaces a Cache-Control
    /// already there (the API's <c>no-store</c>), which was one warning per page load.
    /// </summary>
    public static AntiforgeryTokenSet IssueAntiforgeryTokens(this HttpContext context)
    {
        context.Response.Headers.CacheControl = default;
        return context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
    }

    /// <summary>A 429 problem with <c>Retry-After</c> in whole seconds (at least 1).</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext context, TimeSpan wait, string title, string detail)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: detail);
    }

    /// <summary>A 404 that says no more than that: another user's thread looks exactly like a missing one.</summary>
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The {what} was not found.");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    /// <summary>
    /// Resolves the user for every API call, refuses cross-site state changes without the
    /// antiforgery token, and marks authenticated answers as not cacheable.
    /// </summary>
    public static async ValueTask<object?> ApiFilter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        context.Response.Headers.CacheControl = "no-store";
        var user = await context.ParleyUserAsync();
        if (user is null && !SignedElementUrls.IsSignedRequest(context))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");
        }
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && RequiresAntiforgery(context))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid",
                    detail: $"State-changing requests need the {ParleyAuthenticationDefaults.AntiforgeryHeader} header from /api/config.");
            }
        }
        return await next(invocation);
    }

    /// <summary>
    /// Requests authenticated by a credential the browser sends on its own (a cookie, a proxy's
    /// header) need the token; a copilot token is attached by the client's script, so another
    /// site cannot make the browser send it. Decided by how the request was authenticated, not by
    /// which headers it carries: a bearer header Parley did not use exempts nothing.
    /// </summary>
    private static bool RequiresAntiforgery(HttpContext context) => !ParleyAuthModes.IsBearerPrincipal(context.User);
}
