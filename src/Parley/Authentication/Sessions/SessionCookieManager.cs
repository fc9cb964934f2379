using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Parley.Authentication.Sessions;

/// <summary>
/// Names the session cookie per request: <see cref="ParleySessionDefaults.SecureCookieName"/>
/// (<c>__Host-</c>, Secure, <c>Path=/</c>, no Domain) on HTTPS, <see cref="ParleySessionDefaults.CookieName"/>
/// on plain HTTP. The cookie handler has one fixed name per scheme, so the choice is made here.
/// </summary>
/// <remarks>
/// On HTTPS only the <c>__Host-</c> cookie is read: a cookie without the prefix could have been
/// set by a plain-HTTP response or a sibling subdomain, which is what the prefix exists to refuse.
/// </remarks>
internal sealed class SessionCookieManager : ICookieManager
{
    private const string IgnoreRequestCookieKey = "parley:ignore-session-cookie";

    private readonly ChunkingCookieManager _inner = new();

    /// <summary>Makes the request's session cookie invisible for the rest of the request (see <see cref="ParleySessionHandler"/>).</summary>
    public static void IgnoreRequestCookie(HttpContext context) => context.Items[IgnoreRequestCookieKey] = true;

    public string? GetRequestCookie(HttpContext context, string key) =>
        context.Items.ContainsKey(IgnoreRequestCookieKey) ? null : _inner.GetRequestCookie(context, NameFor(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        _inner.AppendResponseCookie(context, NameFor(context, key), value, Harden(context, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        _inner.DeleteCookie(context, NameFor(context, key), Harden(context, options));

    private static string NameFor(HttpContext context, string key) =>
        context.Request.IsHttps && key == ParleySessionDefaults.CookieName ? ParleySessionDefaults.SecureCookieName : key;

    private static CookieOptions Harden(HttpContext context, CookieOptions options)
    {
        var hardened = new CookieOptions(options) { HttpOnly = true, Path = "/", Domain = null };
        if (context.Request.IsHttps)
        {
            hardened.Secure = true;
        }
        return hardened;
    }
}
