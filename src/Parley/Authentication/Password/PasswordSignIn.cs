using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Authentication.Accounts;
using Parley.Authentication.Sessions;
using Parley.Hosting;

namespace Parley.Authentication.Password;

/// <summary>
/// Checks a user name and password — with built-in accounts or the app's callback — after
/// counting the attempt against the client's and the account's limits.
/// </summary>
internal sealed partial class PasswordSignIn(
    ILoginThrottle throttle,
    ClientAddress clientAddress,
    AccountService accounts,
    IServiceProvider services,
    IOptions<ParleyOptions> options,
    ILogger<PasswordSignIn> logger)
{
    /// <summary>Whether the app registered a password callback.</summary>
    public bool CallbackEnabled { get; } = services.GetService<PasswordLoginMarker>() is not null;

    /// <summary>Whether built-in accounts are on.</summary>
    public bool AccountsEnabled => options.Value.Auth.Accounts.Enabled;

    private PasswordLoginOptions Limits => options.Value.Auth.Login;

    public async Task<PasswordCheck> CheckAsync(HttpContext context, string username, string password, CancellationToken cancellationToken)
    {
        var client = ClientAddress.Bucket(clientAddress.Of(context));
        // The account is counted only when the client may still try: a refused client spends nobody's attempts.
        if ((await throttle.AcquireAsync("login:client:" + client, Limits.AttemptsPerClient, Limits.Window, cancellationToken)
            ?? await throttle.AcquireAsync("login:account:" + AccountRules.Normalize(username), Limits.AttemptsPerAccount, Limits.Window, cancellationToken)) is { } wait)
        {
            Log.Throttled(logger, client);
            return PasswordCheck.Throttled(wait);
        }

        var identity = AccountsEnabled
            ? await CheckAccountAsync(username, password, cancellationToken)
            : await CheckCallbackAsync(context, username, password, cancellationToken);
        if (identity is null)
        {
            Log.Failed(logger, client);
            return PasswordCheck.Failed;
        }
        Log.Succeeded(logger, identity.AuthMode, client);
        return PasswordCheck.Succeeded(identity);
    }

    /// <summary>Counts a registration attempt against the client's limit: null if allowed, else how long to wait.</summary>
    public ValueTask<TimeSpan?> AcquireRegistrationAsync(HttpContext context, CancellationToken cancellationToken) =>
        throttle.AcquireAsync("register:client:" + ClientAddress.Bucket(clientAddress.Of(context)), Limits.AttemptsPerClient, Limits.Window, cancellationToken);

    /// <summary>Counts a first-run setup attempt (which checks a setup code) against the client's limit.</summary>
    public ValueTask<TimeSpan?> AcquireSetupAsync(HttpContext context, CancellationToken cancellationToken) =>
        throttle.AcquireAsync("setup:client:" + ClientAddress.Bucket(clientAddress.Of(context)), Limits.AttemptsPerAccount, Limits.Window, cancellationToken);

    /// <summary>Counts a password change (which checks the current password) against the account's limit.</summary>
    public ValueTask<TimeSpan?> AcquirePasswordChangeAsync(string userId, CancellationToken cancellationToken) =>
        throttle.AcquireAsync("password:user:" + userId, Limits.AttemptsPerAccount, Limits.Window, cancellationToken);

    private async Task<SignInIdentity?> CheckAccountAsync(string username, string password, CancellationToken cancellationToken)
    {
        var account = await accounts.VerifyAsync(username, password, cancellationToken);
        return account is null
            ? null
            : new SignInIdentity(account.Identifier, account.DisplayName, null, SignInIdentity.AccountsMode, account.SecurityStamp);
    }

    private async Task<SignInIdentity?> CheckCallbackAsync(HttpContext context, string username, string password, CancellationToken cancellationToken)
    {
        var validator = context.RequestServices.GetRequiredService<IParleyPasswordValidator>();
        var user = await validator.ValidateAsync(username, password, cancellationToken);
        if (user is null)
        {
            return null;
        }
        if (!ClaimValueRules.IsValidIdentifier(user.Identifier) || (user.DisplayName is not null && !ClaimValueRules.IsValidDisplayName(user.DisplayName)))
        {
            Log.InvalidUser(logger, validator.GetType().Name);
            return null;
        }
        return new SignInIdentity(user.Identifier, user.DisplayName, user.Metadata?.ToJsonString(), SignInIdentity.PasswordMode, null);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.PasswordSignInSucceeded, Level = LogLevel.Information, Message = "Password sign-in ({Mode}) succeeded from {Client}.")]
        public static partial void Succeeded(ILogger logger, string mode, string client);

        // Never the user name: people type passwords into it.
        [LoggerMessage(EventId = ParleyAuthenticationEventIds.PasswordSignInFailed, Level = LogLevel.Information, Message = "Password sign-in failed from {Client}.")]
        public static partial void Failed(ILogger logger, string client);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.PasswordSignInThrottled, Level = LogLevel.Warning, Message = "Password sign-in throttled for a request from {Client}.")]
        public static partial void Throttled(ILogger logger, string client);

        [LoggerMessage(EventId = ParleyAuthenticationEventIds.PasswordValidatorInvalidUser, Level = LogLevel.Error,
            Message = "{Validator} accepted a password but returned a user whose identifier or display name is not valid (1–256 characters, no surrounding spaces or control characters); the sign-in was refused.")]
        public static partial void InvalidUser(ILogger logger, string validator);
    }
}

/// <summary>The outcome of <see cref="PasswordSignIn.CheckAsync"/>.</summary>
internal sealed record PasswordCheck(SignInIdentity? Identity, TimeSpan? RetryAfter)
{
    public static readonly PasswordCheck Failed = new(null, null);

    public static PasswordCheck Throttled(TimeSpan retryAfter) => new(null, retryAfter);

    public static PasswordCheck Succeeded(SignInIdentity identity) => new(identity, null);
}
