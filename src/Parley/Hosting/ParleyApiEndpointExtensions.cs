using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Parley.Api;
using Parley.Authentication;
using Parley.Chat;

namespace Parley.Hosting;

/// <summary>
/// For host apps that add their own endpoints next to Parley's REST API (under the group
/// <see cref="ParleyEndpointRouteBuilderExtensions.MapParley(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string, System.Action{ChatHandlerBuilder})"/>
/// returns) with the same rules: a signed-in Parley user, the antiforgery token on state changes,
/// and answers that are not cached.
/// </summary>
public static class ParleyApiEndpointExtensions
{
    /// <summary>
    /// Applies Parley's API conventions to the endpoints: Parley's authorization policy, and a
    /// filter that answers 401 without a Parley user, 400 for a cookie-authenticated POST, PUT,
    /// PATCH or DELETE without the antiforgery header (from <c>/api/config</c>), and sets
    /// <c>Cache-Control: no-store</c>.
    /// </summary>
    public static TBuilder RequireParleyUser<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.RequireAuthorization(ParleyAuthenticationDefaults.Policy);
        builder.AddEndpointFilter(ParleyHttp.ApiFilter);
        return builder;
    }

    /// <summary>
    /// The signed-in Parley user of the request (resolved once per request), or null. Scope
    /// every read and write to <see cref="ParleyUser.Id"/>; never take a user id from the request.
    /// </summary>
    public static Task<ParleyUser?> GetParleyUserAsync(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ParleyUserAsync();
    }
}
