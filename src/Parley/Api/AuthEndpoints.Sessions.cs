using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Parley.Authentication;
using Parley.Authentication.Accounts;
using Parley.Authentication.Password;
using Parley.Authentication.Sessions;

namespace Parley.Api;

/// <summary>The signed-in user's own sessions and password.</summary>
internal static partial class AuthEndpoints
{
    internal sealed record SessionDto(
        string Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt,
        string? Device, string? IpAddress, string? AuthMode, bool Current);
    internal sealed record SessionListDto(IReadOnlyList<SessionDto> Sessions);
    internal sealed record PasswordRequest(string? CurrentPassword, string? NewPassword);

    private static string? CurrentSessionId(HttpContext context) =>
        context.User.FindFirst(ParleySessionDefaults.SessionIdClaimType)?.Value;

    private static async Task<IResult> LogoutAllAsync(HttpContext context, IParleySessionManager sessions, CancellationToken cancellationToken)
    {
        var (user, error) = await RequireUserAsync(context);
        if (error is not null)
        {
            return error;
        }
        await sessions.RevokeAllAsync(user!.Id, null, cancellationToken);
        await context.SignOutAsync(ParleyAuthenticationDefaults.SessionScheme);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListSessionsAsync(HttpContext context, IParleySessionManager sessions, CancellationToken cancellationToken)
    {
        var (user, error) = await RequireUserAsync(context);
        if (error is not null)
        {
            return error;
        }
        var current = CurrentSessionId(context);
        var list = await sessions.ListAsync(user!.Id, cancellationToken);
        return TypedResults.Ok(new SessionListDto([.. list.Select(s => new SessionDto(
            s.Id, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.Device, s.IpAddress, s.AuthMode, s.Id == current))]));
    }

    private static async Task<IResult> RevokeSessionAsync(HttpContext context, string id, IParleySessionManager sessions, CancellationToken cancellationToken)
    {
        var (user, error) = await RequireUserAsync(context);
        if (error is not null)
        {
            return error;
        }
        // Another user's session looks exactly like a missing one.
        if (!await sessions.RevokeAsync(user!.Id, id, cancellationToken))
        {
            return ParleyHttp.NotFound("session");
        }
        if (id == CurrentSessionId(context))
        {
            await context.SignOutAsync(ParleyAuthenticationDefaults.SessionScheme);
        }
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext context, PasswordSignIn signIn, AccountService accounts, CancellationToken cancellationToken)
    {
        if (!signIn.AccountsEnabled)
        {
            return Problem(StatusCodes.Status404NotFound, "Not enabled", "Built-in accounts are not enabled.");
        }
        var (user, error) = await RequireUserAsync(context);
        if (error is not null)
        {
            return error;
        }
        var (body, bodyError) = await ReadAsync<PasswordRequest>(context, cancellationToken);
        if (bodyError is not null)
        {
            return bodyError;
        }
        if (await signIn.AcquirePasswordChangeAsync(user!.Id, cancellationToken) is { } wait)
        {
            return TooManyAttempts(context, wait);
        }
        var (outcome, problem) = await accounts.ChangePasswordAsync(user.Id, CurrentSessionId(context), body!.CurrentPassword, body.NewPassword, cancellationToken);
        return outcome switch
        {
            PasswordChange.Changed => TypedResults.NoContent(),
            PasswordChange.NoAccount => Problem(StatusCodes.Status404NotFound, "No account", "This user has no built-in account."),
            PasswordChange.WrongPassword => Problem(StatusCodes.Status400BadRequest, "Wrong password", "The current password is incorrect."),
            _ => Problem(StatusCodes.Status400BadRequest, "Bad request", problem ?? "The new password is not valid."),
        };
    }
}
