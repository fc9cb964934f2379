using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Data;

namespace Parley.Authentication.OAuth;

/// <summary>
/// Turns a validated identity into a Parley session, or links it to the signed-in account.
/// </summary>
/// <remarks>
/// The identity is (issuer, subject). A <c>user_identities</c> row links it to a Parley user; an
/// identity without one gets a new user. Emails never link anything, verified or not: linking an
/// identity to an existing account takes being signed in to that account first.
/// </remarks>
internal sealed partial class OAuthSignIn(
    IUserStore users,
    UserIdentityStore identities,
    ParleyUserResolver resolver,
    IOptions<ParleyOAuthOptions> options,
    ILogger<OAuthSignIn> logger)
{
    /// <summary>Signs in (or links) and redirects to the return URL kept in the state.</summary>
    public async Task CompleteAsync(HttpContext context, OAuthProvider provider, ExternalIdentity identity, AuthenticationProperties state)
    {
        var returnUrl = ReturnUrls.IsLocal(state.RedirectUri) ? state.RedirectUri! : "/";
        if (state.Items.TryGetValue(ParleyOAuthHandler.LinkUserKey, out var linkUserId) && linkUserId is not null)
        {
            await LinkAsync(context, provider, identity, linkUserId);
        }
        else
        {
            await SignInAsync(context, provider, identity);
        }
        context.Response.Redirect(returnUrl);
    }

    private async Task SignInAsync(HttpContext context, OAuthProvider provider, ExternalIdentity identity)
    {
        var cancellationToken = context.RequestAborted;
        var linkedUserId = await identities.FindUserIdAsync(identity.Issuer, identity.Subject, cancellationToken);
        var existing = linkedUserId is null ? null : await users.FindByIdAsync(linkedUserId, cancellationToken);
        if (existing is { Disabled: true })
        {
            throw new OAuthSignInException(OAuthFailure.Denied, "the user is disabled");
        }

        var identifier = existing?.Identifier ?? NewIdentifier(provider, identity.Subject);
        var user = new OAuthUser(
            identifier,
            isNew: existing is null,
            identity.Name ?? existing?.DisplayName ?? identity.Email?.Split('@')[0],
            identity.EmailVerified ? identity.Email : null,
            ParseMetadata(existing?.Metadata),
            identity.Groups);
        if (options.Value.OnOAuthLogin is { } hook)
        {
            var login = new OAuthLoginContext(context, provider.Id, identity.Issuer, identity.Subject, identity.Claims, identity.Email, identity.EmailVerified, user);
            await hook(login);
            if (login.IsDenied)
            {
                throw new OAuthSignInException(OAuthFailure.Denied, "OnOAuthLogin denied the sign-in");
            }
        }

        var displayName = user.DisplayName is { } name && ClaimValueRules.IsValidDisplayName(name) ? name : null;
        var metadata = user.Metadata.Count == 0 ? null : user.Metadata.ToJsonString();
        UserRecord record;
        if (existing is null)
        {
            var id = await identities.CreateUserAsync(identifier, NewIdentifier(provider, Guid.NewGuid().ToString("N")), displayName, metadata, identity, cancellationToken);
            record = await users.FindByIdAsync(id, cancellationToken) ?? throw new InvalidOperationException("The new user is missing.");
        }
        else
        {
            record = existing with { DisplayName = displayName ?? existing.DisplayName, Metadata = metadata };
            if (record != existing)
            {
                await users.UpdateAsync(record, cancellationToken);
            }
            await identities.UpdateEmailAsync(identity, cancellationToken);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, record.Identifier),
            new(ParleyClaimTypes.AuthMode, ParleyOAuthDefaults.AuthMode),
            new(ParleyOAuthDefaults.ProviderClaim, provider.Id),
        };
        if (record.DisplayName is not null)
        {
            claims.Add(new Claim(ClaimTypes.Name, record.DisplayName));
        }
        if (user.Email is { } email && ClaimValueRules.IsValidEmail(email))
        {
            claims.Add(new Claim(ClaimTypes.Email, email));
        }
        if (record.Metadata is not null)
        {
            claims.Add(new Claim(ParleyClaimTypes.Metadata, record.Metadata));
        }
        claims.AddRange(user.Roles.Where(ClaimValueRules.IsValidDisplayName).Distinct(StringComparer.Ordinal).Select(role => new Claim(ClaimTypes.Role, role)));

        var properties = new AuthenticationProperties { IsPersistent = true };
        if (provider.SignOutAtProvider && identity.IdToken is { } idToken)
        {
            // For id_token_hint at RP-initiated logout; kept with the session, never in a claim.
            properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
        }
        await context.SignInAsync(
            ParleyAuthenticationDefaults.SessionScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, provider.SchemeName, ClaimTypes.Name, ClaimTypes.Role)),
            properties);
        Log.SignedIn(logger, provider.Id, record.Id, existing is null);
    }

    private async Task LinkAsync(HttpContext context, OAuthProvider provider, ExternalIdentity identity, string linkUserId)
    {
        // The browser must still be signed in to the account that asked for the link.
        var current = await context.AuthenticateAsync(ParleyAuthenticationDefaults.Scheme);
        var user = current.Succeeded ? await resolver.ResolveAsync(current.Principal, context.RequestAborted) : null;
        if (user is null || user.Id != linkUserId)
        {
            throw new OAuthSignInException(OAuthFailure.LinkSessionMismatch);
        }
        var outcome = await identities.LinkAsync(identity, linkUserId, context.RequestAborted);
        if (outcome == LinkOutcome.LinkedToAnotherUser)
        {
            throw new OAuthSignInException(OAuthFailure.LinkConflict);
        }
        Log.Linked(logger, provider.Id, linkUserId, outcome);
    }

    /// <summary>
    /// <c>{provider}:{subject}</c>; a subject too long for an identifier (OpenID allows 255
    /// characters) is replaced by its SHA-256.
    /// </summary>
    private static string NewIdentifier(OAuthProvider provider, string subject)
    {
        var identifier = $"{provider.Id}:{subject}";
        return ClaimValueRules.IsValidIdentifier(identifier)
            ? identifier
            : $"{provider.Id}:{Sha256.Hex(subject)}";
    }

    private static JsonObject ParseMetadata(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.OAuthSignedIn, Level = LogLevel.Information,
            Message = "User {UserId} signed in through OAuth provider {Provider} (new user: {IsNew}).")]
        public static partial void SignedIn(ILogger logger, string provider, string userId, bool isNew);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.OAuthLinked, Level = LogLevel.Information,
            Message = "User {UserId} linked an identity of OAuth provider {Provider}: {Outcome}.")]
        public static partial void Linked(ILogger logger, string provider, string userId, LinkOutcome outcome);
    }
}
