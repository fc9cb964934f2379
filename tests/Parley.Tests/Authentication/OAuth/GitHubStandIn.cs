using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Parley.Tests.Fixtures;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>
/// A local stand-in for GitHub's OAuth endpoints (<c>/login/oauth/authorize</c>,
/// <c>/login/oauth/access_token</c>) and REST API (<c>/api/user</c>, <c>/api/user/emails</c>),
/// answering as GitHub does: token errors come with HTTP 200, the API needs a User-Agent.
/// </summary>
internal sealed class GitHubStandIn : IAsyncDisposable
{
    public const string ClientId = "gh-client";
    public const string ClientSecret = "gh-secret-0123456789";

    private readonly ConcurrentDictionary<string, (string RedirectUri, string Challenge)> _codes = new();
    private StandInServer _server = null!;

    private GitHubStandIn()
    {
    }

    public string BaseUrl => _server.BaseUrl;

    /// <summary>The user API's answer.</summary>
    public JsonObject User { get; set; } = new() { ["id"] = 4242, ["login"] = "octocat", ["name"] = "The Octocat", ["avatar_url"] = "https://avatars.example.test/u/4242" };

    /// <summary>The emails API's answer.</summary>
    public JsonArray Emails { get; set; } = new(
        new JsonObject { ["email"] = "octocat@example.test", ["primary"] = true, ["verified"] = true, ["visibility"] = "public" },
        new JsonObject { ["email"] = "other@example.test", ["primary"] = false, ["verified"] = true, ["visibility"] = null });

    /// <summary>When set, the token endpoint answers this OAuth error (with HTTP 200, as GitHub does).</summary>
    public string? TokenError { get; set; }

    public static async Task<GitHubStandIn> StartAsync()
    {
        var self = new GitHubStandIn();
        self._server = await StandInServer.StartAsync(app =>
        {
            app.MapGet("/login/oauth/authorize", (HttpContext context) => self.Authorize(context));
            app.MapPost("/login/oauth/access_token", (Delegate)((HttpContext context) => self.TokenAsync(context)));
            app.MapGet("/api/user", (HttpContext context) => self.Api(context, self.User));
            app.MapGet("/api/user/emails", (HttpContext context) => self.Api(context, self.Emails));
        });
        return self;
    }

    /// <summary>Settings for Parley's <c>github</c> preset pointed at this stand-in.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Parley:Auth:OAuth:Providers:github:ClientId"] = ClientId,
        ["Parley:Auth:OAuth:Providers:github:ClientSecret"] = ClientSecret,
        ["Parley:Auth:OAuth:Providers:github:BaseUrl"] = BaseUrl,
        ["Parley:Auth:OAuth:Providers:github:ApiUrl"] = BaseUrl + "/api",
        ["Parley:Auth:OAuth:Providers:github:RequireHttps"] = "false",
    };

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["client_id"] != ClientId || query["code_challenge_method"] != "S256" || query["scope"] != "read:user user:email")
        {
            return Results.BadRequest();
        }
        var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(10));
        _codes[code] = (query["redirect_uri"]!, query["code_challenge"]!);
        return Results.Redirect(QueryHelpers.AddQueryString(query["redirect_uri"]!, new Dictionary<string, string?> { ["code"] = code, ["state"] = query["state"] }));
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (TokenError is not null || form["client_id"] != ClientId || form["client_secret"] != ClientSecret
            || !_codes.TryRemove(form["code"].ToString(), out var issued) || form["redirect_uri"] != issued.RedirectUri
            || Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != issued.Challenge)
        {
            return Results.Json(new { error = TokenError ?? "bad_verification_code", error_description = "The code passed is incorrect or expired." });
        }
        return Results.Json(new { access_token = "gho_standin", token_type = "bearer", scope = "read:user,user:email" });
    }

    private IResult Api(HttpContext context, JsonNode answer) =>
        context.Request.Headers.Authorization != "Bearer gho_standin" || string.IsNullOrEmpty(context.Request.Headers.UserAgent)
            ? Results.StatusCode(401)
            : Results.Text(answer.ToJsonString(), "application/json");

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
