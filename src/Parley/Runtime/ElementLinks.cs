using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication.Modes;
using Parley.Chat;
using Parley.Data;

namespace Parley.Runtime;

/// <summary>
/// How the element DTOs of one connection or request link to stored bytes: the app's download
/// endpoint, and for clients that authenticate with a token (the copilot widget, whose
/// <c>&lt;img src&gt;</c> cannot send it) a short-lived signature for the user in the link.
/// </summary>
internal sealed class ElementLinks
{
    private readonly SignedElementUrls? _signer;
    private readonly string? _userId;

    private ElementLinks(string appUrlBase, SignedElementUrls? signer, string? userId)
    {
        AppUrlBase = appUrlBase;
        _signer = signer;
        _userId = userId;
    }

    /// <summary>The URL prefix of the app, including the host's path base.</summary>
    public string AppUrlBase { get; }

    /// <summary>Plain links, for clients whose browser sends their credentials itself.</summary>
    public static ElementLinks Unsigned(string appUrlBase) => new(appUrlBase, null, null);

    /// <summary>The links for <paramref name="user"/>, signed when <paramref name="principal"/> authenticated with a token.</summary>
    public static ElementLinks For(string appUrlBase, ClaimsPrincipal principal, ParleyUser user, IServiceProvider services) =>
        ParleyAuthModes.IsBearerPrincipal(principal)
            ? new(appUrlBase, services.GetRequiredService<SignedElementUrls>(), user.Id)
            : Unsigned(appUrlBase);

    /// <summary>The download URL of a stored element.</summary>
    public string DownloadUrl(ElementRecord element)
    {
        var url = $"{AppUrlBase}/api/elements/{Uri.EscapeDataString(element.Id)}";
        return _signer is null
            ? url
            : $"{url}?{SignedElementUrls.QueryName}={Uri.EscapeDataString(_signer.Sign(element.Id, _userId!))}";
    }
}
