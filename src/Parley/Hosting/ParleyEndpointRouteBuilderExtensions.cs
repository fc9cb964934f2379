using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Api;
using Parley.Authentication;
using Parley.Authentication.OAuth;
using Parley.Chat;
using Parley.Hosting;
using Parley.Runtime;
using Parley.Ui;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Parley chat apps.</summary>
public static class ParleyEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a chat app at <paramref name="path"/> whose handler is described with delegates:
    /// the web UI, its hub (<c>{path}/hub</c>) and its REST API (<c>{path}/api</c>).
    /// </summary>
    /// <example><code>app.MapParley("/", chat =&gt; chat.OnMessage((message, ctx) =&gt; ctx.SendMessageAsync($"Echo: {message.Content}")));</code></example>
    public static RouteGroupBuilder MapParley(this IEndpointRouteBuilder endpoints, string path, Action<ChatHandlerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var hooks = new ChatHandlerBuilder();
        configure(hooks);
        return MapParleyCore(endpoints, path, _ => new DelegateChatHandler(hooks));
    }

    /// <summary>Maps a chat app at <paramref name="path"/> whose handler is <typeparamref name="THandler"/>, created per chat through dependency injection.</summary>
    public static RouteGroupBuilder MapParley<THandler>(this IEndpointRouteBuilder endpoints, string path)
        where THandler : ChatHandler =>
        MapParleyCore(endpoints, path, services => ActivatorUtilities.CreateInstance<THandler>(services));

    private static RouteGroupBuilder MapParleyCore(IEndpointRouteBuilder endpoints, string path, Func<IServiceProvider, ChatHandler> createHandler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<ChatRuntime>() is null)
        {
            throw new InvalidOperationException("Parley's services are missing: call builder.Services.AddParley() before app.MapParley(...).");
        }
        var (key, pattern) = ParleyApp.Normalize(path);
        var registry = endpoints.ServiceProvider.GetRequiredService<MappedApps>();
        var app = new ParleyApp(key, pattern, createHandler);
        registry.Add(app);

        var group = endpoints.MapGroup(pattern.Length == 0 ? "/" : pattern).WithMetadata(app);
        // A connection keeps the identity it connected with; it is closed when that sign-in expires (a copilot token's exp, a cookie's expiry).
        group.MapHub<ChatHub>("/hub", hub => hub.CloseOnAuthenticationExpiration = true)
            .RequireAuthorization(ParleyAuthenticationDefaults.Policy)
            .WithMetadata(ParleyEndpointMetadata.Hub);

        var publicApi = group.MapGroup("/api").WithMetadata(ParleyEndpointMetadata.Api);
        ConfigEndpoint.Map(publicApi);
        AuthEndpoints.Map(publicApi);

        var api = group.MapGroup("/api")
            .WithMetadata(ParleyEndpointMetadata.Api)
            .RequireAuthorization(ParleyAuthenticationDefaults.Policy)
            .AddEndpointFilter(ParleyHttp.ApiFilter);
        ThreadEndpoints.Map(api);
        FeedbackEndpoints.Map(api);
        ElementEndpoints.Map(api);
        FileEndpoints.Map(api);
        OAuthEndpoints.Map(publicApi, api);

        UiEndpoints.Map(group);
        return group;
    }
}
