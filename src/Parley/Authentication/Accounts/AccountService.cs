using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Authentication.Sessions;
using Parley.Data;
using Parley.Hosting;

namespace Parley.Authentication.Accounts;

/// <summary>
/// Built-in accounts: password checks with lockout, registration, password changes, invites and
/// administrators. Passwords are hashed with ASP.NET Core Identity's <see cref="IPasswordHasher{TUser}"/>.
/// </summary>
internal sealed partial class AccountService(
    SqlAccountStore store,
    IUserStore users,
    IPasswordHasher<AccountRecord> hasher,
    ParleySessionManager sessions,
    IOptions<ParleyOptions> options,
    TimeProvider time,
    ILogger<AccountService> logger)
{
    private static readonly AccountRecord Nobody = new();

    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(Nobody, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))));

    private AccountOptions Settings => options.Value.Auth.Accounts;

    /// <summary>Computes the stand-in hash now, so the first unknown user name costs no more than the next.</summary>
    public void WarmUp() => _ = _dummyHash.Value;

    /// <summary>
    /// The account, if <paramref name="password"/> is its password and it may sign in now. Every
    /// refusal — unknown name, wrong password, locked, disabled — costs one password hash, so
    /// neither the answer nor its timing tells them apart.
    /// </summary>
    public async Task<AccountRecord?> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        var account = AccountRules.UsernameProblem(username.Trim()) is null
            ? await store.FindByUsernameAsync(AccountRules.Normalize(username), cancellationToken)
            : null;
        if (account is null)
        {
            hasher.VerifyHashedPassword(Nobody, _dummyHash.Value, password);
            return null;
        }

        var result = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        var now = time.GetUtcNow();
        if (account.LockedUntil is { } until && until > now.ToUnixTimeMilliseconds())
        {
            Log.LockedOut(logger, account.UserId);
            return null;
        }
        if (result == PasswordVerificationResult.Failed)
        {
            await store.RecordFailureAsync(account.UserId, Settings.MaxFailedAttempts, now + Settings.LockoutDuration, cancellationToken);
            return null;
        }
        if (account.Disabled != 0)
        {
            return null;
        }
        var rehashed = result == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, password) : null;
        await store.RecordSuccessAsync(account.UserId, rehashed, cancellationToken);
        return account;
    }

    /// <summary>Creates an account under the configured registration mode.</summary>
    public async Task<(AccountRegistration Outcome, string? Problem, AccountRecord? Account)> RegisterAsync(
        string? username, string? password, string? displayName, string? inviteCode, CancellationToken cancellationToken)
    {
        var mode = Settings.Registration;
        if (mode == RegistrationMode.Closed)
        {
            return (AccountRegistration.Closed, null, null);
        }
        if (AccountRules.UsernameProblem(username) is { } usernameProblem)
        {
            return (AccountRegistration.Invalid, usernameProblem, null);
        }
        if (AccountRules.PasswordProblem(password, Settings.MinPasswordLength) is { } passwordProblem)
        {
            return (AccountRegistration.Invalid, passwordProblem, null);
        }
        displayName = string.IsNullOrWhiteSpace(displayName) ? username : displayName.Trim();
        if (!ClaimValueRules.IsValidDisplayName(displayName!))
        {
            return (AccountRegistration.Invalid, "The display name is not valid (at most 256 characters, no control characters).", null);
        }
        if (mode == RegistrationMode.Invite && string.IsNullOrWhiteSpace(inviteCode))
        {
            return (AccountRegistration.InviteInvalid, null, null);
        }

        var account = NewAccount(username!, password!, displayName, isAdmin: false);
        var created = await store.CreateAsync(account, mode == RegistrationMode.Invite ? HashCode(inviteCode!) : null, time.GetUtcNow(), cancellationToken);
        switch (created)
        {
            case AccountCreation.Created:
                Log.Registered(logger, account.UserId);
                return (AccountRegistration.Created, null, account);
            case AccountCreation.UsernameTaken:
                return (AccountRegistration.UsernameTaken, null, null);
            default:
                return (AccountRegistration.InviteInvalid, null, null);
        }
    }

    /// <summary>
    /// Changes the password of <paramref name="userId"/>'s account after checking the current one,
    /// with a new security stamp: every other session of the user ends, <paramref name="keepSessionId"/> stays.
    /// </summary>
    public async Task<(PasswordChange Outcome, string? Problem)> ChangePasswordAsync(
        string userId, string? keepSessionId, string? current, string? next, CancellationToken cancellationToken)
    {
        var account = await store.FindByUserIdAsync(userId, cancellationToken);
        if (account is null)
        {
            return (PasswordChange.NoAccount, null);
        }
        if (current is null || hasher.VerifyHashedPassword(account, account.PasswordHash, current) == PasswordVerificationResult.Failed)
        {
            return (PasswordChange.WrongPassword, null);
        }
        if (AccountRules.PasswordProblem(next, Settings.MinPasswordLength) is { } problem)
        {
            return (PasswordChange.Invalid, problem);
        }
        await store.ChangePasswordAsync(userId, hasher.HashPassword(account, next!), NewStamp(), time.GetUtcNow(), keepSessionId, cancellationToken);
        await sessions.RevokeAllAsync(userId, keepSessionId, SessionRevocationReasons.PasswordChanged, CancellationToken.None);
        Log.PasswordChanged(logger, userId);
        return (PasswordChange.Changed, null);
    }

    /// <summary>
    /// Creates or updates the administrator <paramref name="username"/> with <paramref name="password"/>.
    /// An existing account gets the password, a new security stamp (its sessions end) and admin rights.
    /// </summary>
    public async Task<bool> SetAdminAsync(string username, string password, CancellationToken cancellationToken)
    {
        if (AccountRules.UsernameProblem(username) is { } usernameProblem)
        {
            throw new ArgumentException(usernameProblem, nameof(username));
        }
        if (AccountRules.PasswordProblem(password, Settings.MinPasswordLength) is { } passwordProblem)
        {
            throw new ArgumentException(passwordProblem, nameof(password));
        }
        var account = NewAccount(username, password, username, isAdmin: true);
        var created = await store.UpsertAdminAsync(account, cancellationToken);
        if (!created && await store.FindByUsernameAsync(account.NormalizedUsername, cancellationToken) is { } existing)
        {
            await sessions.RevokeAllAsync(existing.UserId, null, SessionRevocationReasons.PasswordChanged, cancellationToken);
        }
        Log.AdminSet(logger, username, created);
        return created;
    }

    /// <summary>
    /// A new first-run setup code, valid for <paramref name="lifetime"/> or until an administrator
    /// exists; only its hash is stored. Its holder may create the first administrator.
    /// </summary>
    public async Task<string> IssueSetupCodeAsync(TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        var now = time.GetUtcNow();
        await store.AddSetupCodeAsync(HashCode(code), now, now + lifetime, cancellationToken);
        return code;
    }

    /// <summary>Creates the first administrator with a setup code from <see cref="IssueSetupCodeAsync"/>.</summary>
    public async Task<(FirstAdminCreation? Outcome, string? Problem, AccountRecord? Account)> CreateFirstAdminAsync(
        string? setupCode, string? username, string? password, string? displayName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(setupCode) || setupCode.Length > 256)
        {
            return (FirstAdminCreation.CodeInvalid, null, null);
        }
        if (AccountRules.UsernameProblem(username) is { } usernameProblem)
        {
            return (null, usernameProblem, null);
        }
        if (AccountRules.PasswordProblem(password, Settings.MinPasswordLength) is { } passwordProblem)
        {
            return (null, passwordProblem, null);
        }
        displayName = string.IsNullOrWhiteSpace(displayName) ? username : displayName.Trim();
        if (!ClaimValueRules.IsValidDisplayName(displayName!))
        {
            return (null, "The display name is not valid (at most 256 characters, no control characters).", null);
        }
        var account = NewAccount(username!, password!, displayName, isAdmin: true);
        var outcome = await store.CreateFirstAdminAsync(account, HashCode(setupCode), time.GetUtcNow(), cancellationToken);
        if (outcome == FirstAdminCreation.Created)
        {
            Log.FirstAdminCreated(logger, username!);
        }
        return (outcome, null, outcome == FirstAdminCreation.Created ? account : null);
    }

    /// <summary>Creates a single-use invite code; only its hash is stored.</summary>
    public async Task<(string Code, DateTimeOffset ExpiresAt)> CreateInviteAsync(string createdBy, CancellationToken cancellationToken)
    {
        var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        var now = time.GetUtcNow();
        var expires = now + Settings.InviteLifetime;
        await store.CreateInviteAsync(Guid.CreateVersion7().ToString("N"), HashCode(code), createdBy, now, expires, cancellationToken);
        Log.InviteCreated(logger, createdBy);
        return (code, expires);
    }

    /// <summary>Whether <paramref name="userId"/> has an administrator account that may act now.</summary>
    public async Task<bool> IsAdminAsync(string userId, CancellationToken cancellationToken) =>
        Settings.Enabled && await store.FindByUserIdAsync(userId, cancellationToken) is { IsAdmin: not 0, Disabled: 0 };

    /// <summary>Disables or enables a user. Disabling ends every session and live chat of the user.</summary>
    public async Task<bool> SetDisabledAsync(string userId, bool disabled, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null)
        {
            return false;
        }
        await users.UpdateAsync(user with { Disabled = disabled }, cancellationToken);
        if (disabled)
        {
            await sessions.RevokeAllAsync(userId, null, SessionRevocationReasons.UserDisabled, CancellationToken.None);
        }
        Log.Disabled(logger, userId, disabled);
        return true;
    }

    public Task<IReadOnlyList<AccountRecord>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public Task<AccountRecord?> FindByUserIdAsync(string userId, CancellationToken cancellationToken) => store.FindByUserIdAsync(userId, cancellationToken);

    public Task<bool> AnyAdminAsync(CancellationToken cancellationToken) => store.AnyAdminAsync(cancellationToken);

    private AccountRecord NewAccount(string username, string password, string? displayName, bool isAdmin)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var account = new AccountRecord
        {
            UserId = Guid.CreateVersion7().ToString("N"),
            Username = username,
            NormalizedUsername = AccountRules.Normalize(username),
            Identifier = username,
            DisplayName = displayName,
            SecurityStamp = NewStamp(),
            IsAdmin = isAdmin ? 1 : 0,
            CreatedAt = now,
            PasswordChangedAt = now,
        };
        account.PasswordHash = hasher.HashPassword(account, password);
        return account;
    }

    private static string NewStamp() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private static string HashCode(string code) => Sha256.Hex(code.Trim());

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.AccountLockedOut, Level = LogLevel.Information, Message = "Sign-in refused: account of user {UserId} is locked out.")]
        public static partial void LockedOut(ILogger logger, string userId);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.AccountRegistered, Level = LogLevel.Information, Message = "Account registered for new user {UserId}.")]
        public static partial void Registered(ILogger logger, string userId);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.AccountPasswordChanged, Level = LogLevel.Information, Message = "Password changed for user {UserId}; the user's other sessions ended.")]
        public static partial void PasswordChanged(ILogger logger, string userId);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.AccountAdminSet, Level = LogLevel.Warning, Message = "Administrator {Username} set (created: {Created}).")]
        public static partial void AdminSet(ILogger logger, string username, bool created);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.FirstAdminCreated, Level = LogLevel.Warning, Message = "First-run setup: administrator {Username} created; the setup link no longer works.")]
        public static partial void FirstAdminCreated(ILogger logger, string username);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.AccountInviteCreated, Level = LogLevel.Information, Message = "Invite created by user {UserId}.")]
        public static partial void InviteCreated(ILogger logger, string userId);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.UserDisabled, Level = LogLevel.Warning, Message = "User {UserId} disabled: {Disabled}.")]
        public static partial void Disabled(ILogger logger, string userId, bool disabled);
    }
}

/// <summary>What a registration came to.</summary>
internal enum AccountRegistration
{
    Created,
    Closed,
    Invalid,
    UsernameTaken,
    InviteInvalid,
}

/// <summary>What a password change came to.</summary>
internal enum PasswordChange
{
    Changed,
    NoAccount,
    WrongPassword,
    Invalid,
}
