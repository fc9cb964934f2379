using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Parley.Hosting;

namespace Parley.Authentication.Modes;

/// <summary>
/// Short-lived links to stored files for clients that authenticate with a token (the copilot
/// widget): an <c>&lt;img src&gt;</c> or a download link cannot send <c>Authorization</c>, so the
/// link carries <c>?sig=</c> instead.
/// </summary>
/// <remarks>
/// The signature is ASP.NET Core Data Protection's time-limited protector (authenticated
/// encryption; no home-made format). The purpose is bound to the element id, so a signature for
/// one file opens no other; the payload is the Parley user id, so the download endpoint still
/// checks that this user owns the file; the expiry is inside the protected payload. A signature
/// that fails any of these reads as "not found", like any other file the caller may not see.
/// Several instances need the same Data Protection key ring (as for the session cookie).
/// </remarks>
internal sealed class SignedElementUrls(IDataProtectionProvider dataProtection, TimeProvider time, IOptions<ParleyOptions> options)
{
    /// <summary>The query parameter that carries the signature.</summary>
    public const string QueryName = "sig";

    private const string Purpose = "Parley.SignedElementUrl.v1";

    /// <summary>Endpoint metadata of the one endpoint that accepts a signature in place of a signed-in user.</summary>
    public static readonly object EndpointMetadata = new AcceptsSignedElementUrl();

    /// <summary>Whether the request is for that endpoint and carries a signature, which the endpoint itself then checks.</summary>
    public static bool IsSignedRequest(HttpContext context) =>
        context.Request.Query.ContainsKey(QueryName)
        && context.GetEndpoint()?.Metadata.GetMetadata<AcceptsSignedElementUrl>() is not null;

    /// <summary>A signature for <paramref name="elementId"/>, valid for <paramref name="userId"/> until the configured lifetime passes.</summary>
    public string Sign(string elementId, string userId) =>
        Protector(elementId).Protect(userId, time.GetUtcNow() + options.Value.Auth.Copilot.SignedUrlLifetime);

    /// <summary>The user id a valid, unexpired signature for <paramref name="elementId"/> was made for; null otherwise.</summary>
    public string? Verify(string elementId, string signature)
    {
        if (signature.Length is 0 or > 4096)
        {
            return null;
        }
        try
        {
            var userId = Protector(elementId).Unprotect(signature, out _);
            return userId.Length == 0 ? null : userId;
        }
        catch (CryptographicException)
        {
            // Tampered, expired, made for another element, or with a key this instance does not have.
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector Protector(string elementId) =>
        dataProtection.CreateProtector(Purpose, elementId).ToTimeLimitedDataProtector();

    private sealed class AcceptsSignedElementUrl;
}
