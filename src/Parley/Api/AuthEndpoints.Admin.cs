using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication.Accounts;
using Parley.Chat;

namespace Parley.Api;

/// <summary>Administration of built-in accounts: invites and disabling users. Administrators only.</summary>
internal static partial class AuthEndpoints
{
    internal sealed record InviteDto(string Code, DateTimeOffset ExpiresAt);
    internal sealed record AccountDto(string Id, string Username, string? DisplayName, bool IsAdmin, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil);
    internal sealed record AccountListDto(IReadOnlyList<AccountDto> Users);

    private static async Task<IResult> CreateInviteAsync(HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        var (admin, error) = await RequireAdminAsync(context, accounts, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var (code, expiresAt) = await accounts.CreateInviteAsync(admin!.Id, cancellationToken);
        return Results.Json(new InviteDto(code, expiresAt), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListUsersAsync(HttpContext context, AccountService accounts, TimeProvider time, CancellationToken cancellationToken)
    {
        var (_, error) = await RequireAdminAsync(context, accounts, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var list = await accounts.ListAsync(cancellationToken);
        return TypedResults.Ok(new AccountListDto([.. list.Select(a => new AccountDto(
            a.UserId, a.Username, a.DisplayName, a.IsAdmin != 0, a.Disabled != 0,
            DateTimeOffset.FromUnixTimeMilliseconds(a.CreatedAt),
            a.LockedUntil is { } until && until > now ? DateTimeOffset.FromUnixTimeMilliseconds(until) : null))]));
    }

    private static async Task<IResult> SetDisabledAsync(HttpContext context, string id, bool disabled, CancellationToken cancellationToken)
    {
        var accounts = context.RequestServices.GetRequiredService<AccountService>();
        var (admin, error) = await RequireAdminAsync(context, accounts, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        if (disabled && id == admin!.Id)
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad request", "An administrator cannot disable their own user.");
        }
        return await accounts.SetDisabledAsync(id, disabled, cancellationToken)
            ? TypedResults.NoContent()
            : ParleyHttp.NotFound("user");
    }

    /// <summary>The signed-in administrator, or the 401 or 403 to answer.</summary>
    private static async Task<(ParleyUser? Admin, IResult? Error)> RequireAdminAsync(HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        var (user, error) = await RequireUserAsync(context);
        if (error is not null)
        {
            return (null, error);
        }
        return await accounts.IsAdminAsync(user!.Id, cancellationToken)
            ? (user, null)
            : (null, Problem(StatusCodes.Status403Forbidden, "Forbidden", "Administrators only."));
    }
}
