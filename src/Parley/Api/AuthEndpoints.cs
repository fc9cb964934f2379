using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Parley.Authentication;
using Parley.Authentication.Password;
using Parley.Authentication.Sessions;
using Parley.Chat;
using Parley.Protocol;

namespace Parley.Api;

/// <summary>
/// Sign-in, sign-out and session management under <c>{app}/api/auth</c>. Every state-changing
/// call needs the antiforgery token from <c>GET {app}/api/config</c> (issued to signed-out
/// callers too), which also stops login CSRF: a foreign page cannot sign a browser in to the
/// attacker's account. Answers are never cached; errors are problem details.
/// </summary>
internal static partial class AuthEndpoints
{
    private const long MaxBodyBytes = 16 * 1024;
    private const int MaxUsernameLength = 256;
    private const int MaxPasswordLength = 1024;

    internal sealed record LoginRequest(string? Username, string? Password, string? ReturnUrl);
    internal sealed record RegisterRequest(string? Username, string? Password, string? DisplayName, string? InviteCode, string? ReturnUrl);
    internal sealed record SetupRequest(string? SetupCode, string? Username, string? Password, string? DisplayName, string? ReturnUrl);
    internal sealed record SignedInDto(UserDto User, string ReturnUrl, ConfigEndpoint.AntiforgeryDto Antiforgery);

    public static void Map(RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").AddEndpointFilter(Filter);
        auth.MapPost("/login", LoginAsync);
        auth.MapPost("/register", RegisterAsync);
        auth.MapPost("/setup", SetupAsync);
        auth.MapPost("/logout", (Delegate)LogoutAsync);
        auth.MapPost("/logout-all", LogoutAllAsync);
        auth.MapGet("/sessions", ListSessionsAsync);
        auth.MapDelete("/sessions/{id}", RevokeSessionAsync);
        auth.MapPost("/password", ChangePasswordAsync);
        auth.MapPost("/invites", CreateInviteAsync);
        auth.MapGet("/users", ListUsersAsync);
        auth.MapPost("/users/{id}/disable", (HttpContext context, string id, CancellationToken ct) => SetDisabledAsync(context, id, true, ct));
        auth.MapPost("/users/{id}/enable", (HttpContext context, string id, CancellationToken ct) => SetDisabledAsync(context, id, false, ct));
    }

    /// <summary>The modes this module adds to <c>auth.modes</c> in the config.</summary>
    public static IEnumerable<string> Modes(IServiceProvider services)
    {
        var signIn = services.GetRequiredService<PasswordSignIn>();
        if (signIn.CallbackEnabled)
        {
            yield return SignInIdentity.PasswordMode;
        }
        if (signIn.AccountsEnabled)
        {
            yield return SignInIdentity.AccountsMode;
        }
    }

    /// <summary>
    /// Resolves who is calling (without creating an anonymous session), bounds the body, and
    /// refuses state changes without the antiforgery token.
    /// </summary>
    private static async ValueTask<object?> Filter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        context.Response.Headers.CacheControl = "no-store";
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = MaxBodyBytes;
        }
        var result = await context.AuthenticateAsync(ParleyAuthenticationDefaults.Scheme);
        if (result.Succeeded)
        {
            context.User = result.Principal;
        }
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid",
                detail: $"State-changing requests need the {ParleyAuthenticationDefaults.AntiforgeryHeader} header from /api/config.");
        }
        return await next(invocation);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, PasswordSignIn signIn, CancellationToken cancellationToken)
    {
        if (!signIn.CallbackEnabled && !signIn.AccountsEnabled)
        {
            return Problem(StatusCodes.Status404NotFound, "Not enabled", "Password sign-in is not enabled.");
        }
        var (body, error) = await ReadAsync<LoginRequest>(context, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        if (body!.Username is not { Length: > 0 and <= MaxUsernameLength } || body.Password is not { Length: > 0 and <= MaxPasswordLength })
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad request", "username and password are required.");
        }
        var check = await signIn.CheckAsync(context, body.Username, body.Password, cancellationToken);
        if (check.RetryAfter is { } wait)
        {
            return TooManyAttempts(context, wait);
        }
        if (check.Identity is null)
        {
            // One answer for an unknown user, a wrong password, a locked or a disabled account.
            return Problem(StatusCodes.Status401Unauthorized, "Sign-in failed", "The user name or password is incorrect.");
        }
        return await SignInAsync(context, check.Identity, body.ReturnUrl, StatusCodes.Status200OK, cancellationToken);
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, PasswordSignIn signIn, Authentication.Accounts.AccountService accounts, CancellationToken cancellationToken)
    {
        if (!signIn.AccountsEnabled)
        {
            return Problem(StatusCodes.Status404NotFound, "Not enabled", "Built-in accounts are not enabled.");
        }
        var (body, error) = await ReadAsync<RegisterRequest>(context, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        if (await signIn.AcquireRegistrationAsync(context, cancellationToken) is { } wait)
        {
            return TooManyAttempts(context, wait);
        }
        var (outcome, problem, account) = await accounts.RegisterAsync(body!.Username, body.Password, body.DisplayName, body.InviteCode, cancellationToken);
        return outcome switch
        {
            Authentication.Accounts.AccountRegistration.Created => await SignInAsync(
                context,
                new SignInIdentity(account!.Identifier, account.DisplayName, null, SignInIdentity.AccountsMode, account.SecurityStamp),
                body.ReturnUrl,
                StatusCodes.Status201Created,
                cancellationToken),
            Authentication.Accounts.AccountRegistration.Closed => Problem(StatusCodes.Status403Forbidden, "Registration closed", "Registration is closed."),
            Authentication.Accounts.AccountRegistration.InviteInvalid => Problem(StatusCodes.Status403Forbidden, "Invite required", "The invite code is missing, not valid, expired or already used."),
            Authentication.Accounts.AccountRegistration.UsernameTaken => Problem(StatusCodes.Status409Conflict, "User name taken", "That user name is taken."),
            _ => Problem(StatusCodes.Status400BadRequest, "Bad request", problem ?? "The registration is not valid."),
        };
    }

    /// <summary>
    /// First-run setup: the holder of the setup code printed at start-up creates the first
    /// administrator and is signed in as it. Attempts are throttled per client; the code has 144
    /// random bits, so guessing is hopeless anyway.
    /// </summary>
    private static async Task<IResult> SetupAsync(
        HttpContext context, PasswordSignIn signIn, Authentication.Accounts.FirstRunSetup setup, Authentication.Accounts.AccountService accounts, CancellationToken cancellationToken)
    {
        if (!setup.Enabled)
        {
            return Problem(StatusCodes.Status404NotFound, "Not enabled", "First-run setup is not enabled.");
        }
        var (body, error) = await ReadAsync<SetupRequest>(context, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        if (!await setup.IsPendingAsync(cancellationToken))
        {
            return AlreadySetUp();
        }
        if (await signIn.AcquireSetupAsync(context, cancellationToken) is { } wait)
        {
            return TooManyAttempts(context, wait);
        }
        var (outcome, problem, account) = await accounts.CreateFirstAdminAsync(body!.SetupCode, body.Username, body.Password, body.DisplayName, cancellationToken);
        switch (outcome)
        {
            case Authentication.Accounts.FirstAdminCreation.Created:
                setup.Complete();
                return await SignInAsync(
                    context,
                    new SignInIdentity(account!.Identifier, account.DisplayName, null, SignInIdentity.AccountsMode, account.SecurityStamp),
                    body.ReturnUrl,
                    StatusCodes.Status201Created,
                    cancellationToken);
            case Authentication.Accounts.FirstAdminCreation.CodeInvalid:
                return Problem(StatusCodes.Status403Forbidden, "Setup code not valid",
                    "The setup code is not valid, expired or already used. Use the setup link the server printed at its last start; restarting it prints a new one.");
            case Authentication.Accounts.FirstAdminCreation.AlreadySetUp:
                setup.Complete();
                return AlreadySetUp();
            case Authentication.Accounts.FirstAdminCreation.UsernameTaken:
                return Problem(StatusCodes.Status409Conflict, "User name taken", "That user name is taken.");
            default:
                return Problem(StatusCodes.Status400BadRequest, "Bad request", problem ?? "The setup is not valid.");
        }

        static IResult AlreadySetUp() =>
            Problem(StatusCodes.Status409Conflict, "Already set up", "Parley has an administrator already: sign in instead.");
    }

    private static async Task<IResult> LogoutAsync(HttpContext context)
    {
        // Revokes the session on the server (and closes its chat connections), then deletes the cookie.
        await context.SignOutAsync(ParleyAuthenticationDefaults.SessionScheme);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Signs <paramref name="identity"/> in to a new session (ending the request's previous one,
    /// anonymous or not) and answers with the user, where to go, and an antiforgery token bound
    /// to the new user (the old one was bound to whoever called before).
    /// </summary>
    private static async Task<IResult> SignInAsync(HttpContext context, SignInIdentity identity, string? returnUrl, int status, CancellationToken cancellationToken)
    {
        var principal = identity.ToPrincipal();
        await context.SignInAsync(ParleyAuthenticationDefaults.SessionScheme, principal, new AuthenticationProperties { IsPersistent = true });
        if (DatabaseTicketStore.IssuedSessionId(context) is { } sessionId && principal.Identity is ClaimsIdentity claims)
        {
            claims.AddClaim(new Claim(ParleySessionDefaults.SessionIdClaimType, sessionId, ClaimValueTypes.String, ParleyAuthenticationDefaults.SessionScheme));
        }
        context.User = principal;
        var user = await context.RequestServices.GetRequiredService<ParleyUserResolver>().ResolveAsync(principal, cancellationToken);
        if (user is null)
        {
            await context.SignOutAsync(ParleyAuthenticationDefaults.SessionScheme);
            return Problem(StatusCodes.Status401Unauthorized, "Sign-in failed", "The user name or password is incorrect.");
        }
        var tokens = context.IssueAntiforgeryTokens();
        var appBase = context.AppUrlBase();
        var dto = new SignedInDto(
            new UserDto(user.Identifier, user.DisplayName, user.Metadata),
            ReturnUrl.Sanitize(returnUrl, appBase.Length == 0 ? "/" : appBase),
            new ConfigEndpoint.AntiforgeryDto(tokens.HeaderName!, tokens.RequestToken!));
        return Results.Json(dto, statusCode: status);
    }

    private static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send a JSON body (Content-Type: application/json)."));
        }
        try
        {
            var body = await context.Request.ReadFromJsonAsync<T>(cancellationToken);
            return body is null ? (null, Problem(StatusCodes.Status400BadRequest, "Bad request", "The body must be a JSON object.")) : (body, null);
        }
        catch (JsonException)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Bad request", "The body is not valid JSON."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Too large", "The body is too large."));
        }
    }

    private static IResult TooManyAttempts(HttpContext context, TimeSpan wait) =>
        ParleyHttp.TooManyRequests(context, wait, "Too many attempts", "Too many attempts; wait before trying again.");

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>The signed-in user, or the 401 to answer.</summary>
    private static async Task<(ParleyUser? User, IResult? Error)> RequireUserAsync(HttpContext context)
    {
        var user = await context.ParleyUserAsync();
        return user is null ? (null, Problem(StatusCodes.Status401Unauthorized, "Not signed in", "Sign in first.")) : (user, null);
    }
}
