using Parley.Authentication.OAuth;
using Parley.Tests.Fixtures;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>
/// A Parley app and a real OpenID Provider (oidc-provider) that knows it: provider <c>op</c> (client
/// <c>parley</c>, RS256 ID tokens) and <c>op-es</c> (client <c>parley-es</c>, ES256), both at the
/// same issuer, and three accounts: alice (verified email), bob (alice's email, unverified), carol.
/// </summary>
internal sealed class OidcScenario : IAsyncDisposable
{
    public const string Secret = "parley-test-client-secret-0123456789";

    public static readonly OidcAccount Alice = new("alice", "alice-password", new Dictionary<string, object>
    {
        ["email"] = "alice@example.test",
        ["email_verified"] = true,
        ["name"] = "Alice Liddell",
        ["groups"] = new[] { "staff", "admins" },
    });

    public static readonly OidcAccount Bob = new("bob", "bob-password", new Dictionary<string, object>
    {
        ["email"] = "alice@example.test",
        ["email_verified"] = false,
        ["name"] = "Bob",
    });

    public static readonly OidcAccount Carol = new("carol", "carol-password", new Dictionary<string, object>
    {
        ["email"] = "carol@example.test",
        ["email_verified"] = true,
        ["name"] = "Carol",
    });

    private OidcScenario(OAuthTestApp app, OidcProvider provider)
    {
        App = app;
        Provider = provider;
    }

    public OAuthTestApp App { get; }

    public OidcProvider Provider { get; }

    public static async Task<OidcScenario> StartAsync(
        Action<ParleyOAuthOptions>? oauth = null,
        Dictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        string appPath = "/",
        bool claimsInIdToken = false)
    {
        var port = OidcProvider.FreePort();
        var issuer = $"http://127.0.0.1:{port}";
        var all = OAuthTestApp.OidcProvider("op", issuer, "parley", Secret);
        foreach (var (key, value) in OAuthTestApp.OidcProvider("op-es", issuer, "parley-es", Secret, new() { ["Parley:Auth:OAuth:Providers:op-es:DisplayName"] = "Test provider (ES256)" }))
        {
            all[key] = value;
        }
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        var app = await OAuthTestApp.StartAsync(all, oauth, appPath, time);
        try
        {
            var home = app.AppUri.ToString();
            var provider = await OidcProvider.StartAsync(
                new OidcProviderSettings(
                    [
                        new OidcClient("parley", Secret, [app.CallbackUri("op")], [home]),
                        new OidcClient("parley-es", Secret, [app.CallbackUri("op-es")], [home], "ES256"),
                    ],
                    [Alice, Bob, Carol]) { ClaimsInIdToken = claimsInIdToken },
                port,
                TestContext.Current.CancellationToken);
            return new OidcScenario(app, provider);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
