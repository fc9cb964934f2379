using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Parley.Hosting;

/// <summary>
/// CORS for the copilot host sites, and only for them, on the mapped apps' <c>/api</c> and
/// <c>/hub</c>. The policy and the headers are ASP.NET Core's own (<see cref="ICorsService"/>);
/// what Parley adds is where they apply, without asking the host app to call <c>UseCors()</c>.
/// </summary>
/// <remarks>
/// Origins are matched exactly (<c>Parley:Auth:Copilot:AllowedOrigins</c>; no wildcard, never
/// <c>null</c>). Credentials are allowed because SignalR's JavaScript client sends its negotiate
/// request with them; they are harmless, since a cross-origin request is authenticated by its
/// copilot token alone and its cookies are never read (see <c>ParleyAuthModeSelector</c>).
/// </remarks>
internal static class CorsSupport
{
    private static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    public static void Add(IServiceCollection services)
    {
        services.AddCors();
        services.TryAddSingleton<ParleyCorsPolicy>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, CorsStartupFilter>());
    }

    /// <summary>Builds the policy for <paramref name="origins"/> (already normalized).</summary>
    public static CorsPolicy Build(IEnumerable<string> origins) => new CorsPolicyBuilder()
        .WithOrigins([.. origins])
        .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete)
        .WithHeaders("Authorization", "Content-Type", "X-Requested-With", "X-SignalR-User-Agent")
        .AllowCredentials()
        .SetPreflightMaxAge(PreflightMaxAge)
        .Build();
}

/// <summary>The copilot CORS policy, or none when no host site is configured.</summary>
internal sealed class ParleyCorsPolicy(OriginPolicy origins)
{
    public CorsPolicy? Policy { get; } = origins.AllowedCrossOrigins.Count == 0 ? null : CorsSupport.Build(origins.AllowedCrossOrigins);
}

/// <summary>
/// Applies <see cref="ParleyCorsPolicy"/> at the front of the pipeline: a preflight to a Parley
/// API or hub path is answered there (it has no endpoint of its own), and every other response
/// of a Parley API or hub endpoint gets the CORS headers when it starts, error responses
/// (401, 403) included, so the widget can read them.
/// </summary>
internal sealed class CorsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var policy = app.ApplicationServices.GetRequiredService<ParleyCorsPolicy>().Policy;
        if (policy is not null)
        {
            var cors = app.ApplicationServices.GetRequiredService<ICorsService>();
            var paths = app.ApplicationServices.GetRequiredService<ParleyRequestPaths>();
            app.Use((context, nextMiddleware) => ApplyAsync(context, nextMiddleware, policy, cors, paths));
        }
        next(app);
    };

    private static Task ApplyAsync(HttpContext context, RequestDelegate next, CorsPolicy policy, ICorsService cors, ParleyRequestPaths paths)
    {
        var request = context.Request;
        if (!request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Origin))
        {
            return next(context);
        }
        if (HttpMethods.IsOptions(request.Method)
            && request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.AccessControlRequestMethod)
            && paths.IsApiOrHub(ParleyRequestPaths.FullPath(request.PathBase, request.Path)))
        {
            cors.ApplyResult(cors.EvaluatePolicy(context, policy), context.Response);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }
        context.Response.OnStarting(static state =>
        {
            var (context, policy, cors) = ((HttpContext, CorsPolicy, ICorsService))state;
            if (context.GetEndpoint()?.Metadata.GetMetadata<ParleyEndpointMetadata>() is not null
                && !context.Response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.AccessControlAllowOrigin))
            {
                cors.ApplyResult(cors.EvaluatePolicy(context, policy), context.Response);
            }
            return Task.CompletedTask;
        }, (context, policy, cors));
        return next(context);
    }
}
