using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Data;
using Parley.Hosting;

namespace Parley.Authentication.Sessions;

/// <summary>
/// Keeps the session cookie's authentication tickets in <c>parley_sessions</c>. The cookie holds
/// only a random key (inside ASP.NET Core's data-protected cookie format); the database holds
/// the key's SHA-256 and the ticket, itself data-protected. Every read checks revocation, the
/// user's disabled flag, the account's security stamp and both timeouts.
/// </summary>
internal sealed partial class DatabaseTicketStore(
    SqlSessionStore store,
    ParleySessionManager sessions,
    IParleyUserMapper mapper,
    IUserStore users,
    ClientAddress clientAddress,
    IDataProtectionProvider dataProtection,
    IOptions<ParleyOptions> options,
    TimeProvider time,
    ILogger<DatabaseTicketStore> logger) : ITicketStore
{
    private const string IssuedSessionKey = "parley:issued-session";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Parley.Authentication.Sessions.Ticket", "v1");

    /// <summary>The id of the session signed in during this request, if any.</summary>
    public static string? IssuedSessionId(HttpContext context) => context.Items[IssuedSessionKey] as string;

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var mapped = await mapper.MapAsync(ticket.Principal, cancellationToken)
            ?? throw new InvalidOperationException($"Signing in to {ParleyAuthenticationDefaults.SessionScheme} needs an authenticated principal with a {ClaimTypes.NameIdentifier} claim.");
        var user = await users.GetOrCreateAsync(mapped.Identifier, mapped.DisplayName, mapped.Metadata, cancellationToken);

        var settings = options.Value.Auth.Session;
        var now = time.GetUtcNow();
        var expires = now + settings.AbsoluteTimeout;
        if (ticket.Properties.ExpiresUtc is { } requested && requested < expires)
        {
            expires = requested;
        }

        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var row = new SessionRow
        {
            Id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            KeyHash = Hash(key),
            UserId = user.Id,
            AuthMode = ticket.Principal.FindFirstValue(ParleyClaimTypes.AuthMode),
            CreatedAt = now.ToUnixTimeMilliseconds(),
            LastSeenAt = now.ToUnixTimeMilliseconds(),
            ExpiresAt = expires.ToUnixTimeMilliseconds(),
            IdleTimeoutMs = (long)settings.IdleTimeout.TotalMilliseconds,
            // A disabled user gets a session that is refused from its first use: signing in must not
            // fail with a server error just because the user was disabled a moment earlier.
            RevokedAt = user.Disabled ? now.ToUnixTimeMilliseconds() : null,
            RevokedReason = user.Disabled ? SessionRevocationReasons.UserDisabled : null,
            UserAgent = httpContext is null ? null : DeviceLabel.Clean(httpContext.Request.Headers.UserAgent.ToString()),
            IpAddress = httpContext is null ? null : clientAddress.Of(httpContext)?.ToString(),
            SecurityStamp = ticket.Principal.FindFirstValue(ParleySessionDefaults.SecurityStampClaimType),
            Ticket = Protect(ticket),
        };
        await store.CreateAsync(row, cancellationToken);
        if (httpContext is not null)
        {
            httpContext.Items[IssuedSessionKey] = row.Id;
        }
        Log.Issued(logger, row.Id, user.Id);
        return key;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }
        var row = await store.FindByKeyHashAsync(Hash(key), cancellationToken);
        if (row is null)
        {
            return null;
        }

        var settings = options.Value.Auth.Session;
        var now = time.GetUtcNow();
        var state = SessionValidity.Evaluate(row, now, settings);
        if (state != SessionState.Valid)
        {
            if (state != SessionState.Revoked)
            {
                await sessions.RevokeByIdAsync(row.Id, SessionValidity.ReasonOf(state), cancellationToken);
            }
            Log.Refused(logger, row.Id, state.ToString());
            return null;
        }

        var ticket = Unprotect(row.Ticket);
        if (ticket is null)
        {
            Log.Unreadable(logger, row.Id);
            return null;
        }
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            // The session id comes from the row that was found, never from stored or client data.
            identity.AddClaim(new Claim(ParleySessionDefaults.SessionIdClaimType, row.Id, ClaimValueTypes.String, ParleyAuthenticationDefaults.SessionScheme));
        }
        ticket.Properties.ExpiresUtc = DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(row.ExpiresAt, row.CreatedAt + (long)settings.AbsoluteTimeout.TotalMilliseconds));

        if (now.ToUnixTimeMilliseconds() - row.LastSeenAt >= (long)SessionValidity.TouchInterval(settings).TotalMilliseconds)
        {
            await store.TouchAsync(row.Id, now, cancellationToken);
        }
        return ticket;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null, cancellationToken);

    /// <summary>
    /// Replaces the stored ticket of an existing session (a sliding refresh). Sign-in never comes
    /// here: <see cref="ParleySessionHandler"/> always signs in to a new session.
    /// </summary>
    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken) =>
        store.UpdateTicketAsync(Hash(key), Protect(ticket), cancellationToken);

    public Task RemoveAsync(string key) => RemoveAsync(key, null, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null, cancellationToken);

    public Task RemoveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken) =>
        sessions.RevokeByKeyHashAsync(Hash(key), SessionRevocationReasons.SignedOut, cancellationToken);

    /// <summary>The stored form of a cookie key: its SHA-256, so the table alone authenticates nobody.</summary>
    internal static string Hash(string key) => Sha256.Hex(key);

    private string Protect(AuthenticationTicket ticket)
    {
        // Stored without any session id claim: the id is added from the row on every read.
        var principal = new ClaimsPrincipal();
        foreach (var identity in ticket.Principal.Identities)
        {
            var copy = identity.Clone();
            foreach (var claim in copy.FindAll(ParleySessionDefaults.SessionIdClaimType).ToList())
            {
                copy.RemoveClaim(claim);
            }
            principal.AddIdentity(copy);
        }
        var bytes = TicketSerializer.Default.Serialize(new AuthenticationTicket(principal, ticket.Properties, ticket.AuthenticationScheme));
        return Convert.ToBase64String(_protector.Protect(bytes));
    }

    private AuthenticationTicket? Unprotect(string protectedTicket)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(Convert.FromBase64String(protectedTicket)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            // Keys rotated out or lost (data protection keys not persisted): the user signs in again.
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.SessionIssued, Level = LogLevel.Debug, Message = "Browser session {SessionId} started for user {UserId}.")]
        public static partial void Issued(ILogger logger, string sessionId, string userId);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.SessionRefused, Level = LogLevel.Debug, Message = "Browser session {SessionId} refused: {State}.")]
        public static partial void Refused(ILogger logger, string sessionId, string state);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.SessionUnreadable, Level = LogLevel.Warning,
            Message = "Browser session {SessionId} could not be read: its ticket was protected with a data protection key this instance lacks. Persist and share the keys (AddDataProtection().PersistKeysToParleyDatabase()) so sessions survive restarts and work on every instance.")]
        public static partial void Unreadable(ILogger logger, string sessionId);
    }
}
