using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Authentication.TrustedHeader;
using Parley.Data.Migrations;
using Parley.Hosting;

namespace Parley.Authentication.Sessions;

/// <summary>Registers the server-side browser session scheme.</summary>
internal static class SessionAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ParleyAuthenticationDefaults.SessionScheme"/>: an HttpOnly, SameSite=Lax
    /// cookie (<c>__Host-</c> on HTTPS) that refers to a row of <c>parley_sessions</c>.
    /// </summary>
    public static AuthenticationBuilder AddParleySession(this AuthenticationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, SessionMigrations>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ParleyOptions>, BrowserSessionOptionsValidator>());
        services.TryAddSingleton<SqlSessionStore>();
        services.TryAddSingleton<SessionConnections>();
        services.TryAddSingleton<SessionHubFilter>();
        services.TryAddSingleton<ClientAddress>();
        services.TryAddSingleton<ParleySessionManager>();
        services.TryAddSingleton<IParleySessionManager>(provider => provider.GetRequiredService<ParleySessionManager>());
        services.TryAddSingleton<DatabaseTicketStore>();
        services.AddHostedService<SessionRevalidationService>();
        // On the global options: hub-specific ones apply only when set through AddHubOptions<THub>,
        // which also copies the global filters, so a global filter reaches the chat hub either way.
        services.Configure<HubOptions>(hub => hub.AddFilter<SessionHubFilter>());
        if (!services.Any(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType == typeof(TransportPeerStartupFilter)))
        {
            // The client address for throttling is the TCP peer, read before forwarded headers can rewrite it.
            services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, TransportPeerStartupFilter>());
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CookieAuthenticationOptions>, PostConfigureCookieAuthenticationOptions>());
        services.AddOptions<CookieAuthenticationOptions>(ParleyAuthenticationDefaults.SessionScheme)
            .Configure<IOptions<ParleyOptions>, DatabaseTicketStore>((cookie, parley, store) =>
            {
                cookie.Cookie.Name = ParleySessionDefaults.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = "/";
                cookie.Cookie.IsEssential = true;
                cookie.CookieManager = new SessionCookieManager();
                cookie.SessionStore = store;
                // The database row decides the session's life (idle and absolute timeouts); the
                // cookie just lasts as long as the longest a session may.
                cookie.ExpireTimeSpan = parley.Value.Auth.Session.AbsoluteTimeout;
                cookie.SlidingExpiration = false;
                // An API caller gets a status code, not a redirect to a login page.
                cookie.Events.OnRedirectToLogin = context => { context.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                cookie.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            });
        return builder.AddScheme<CookieAuthenticationOptions, ParleySessionHandler>(ParleyAuthenticationDefaults.SessionScheme, displayName: null, configureOptions: null);
    }
}
