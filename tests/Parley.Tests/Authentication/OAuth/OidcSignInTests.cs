using System.Net;
using System.Text.Json;
using Parley.Tests.Fixtures;

namespace Parley.Tests.Authentication.OAuth;

/// <summary>Sign-in through a real OpenID Provider (npm oidc-provider), driven over HTTP like a browser.</summary>
public sealed class OidcSignInTests
{
    [Fact]
    public async Task A_new_user_signs_in_and_gets_a_session_named_after_the_provider_and_subject()
    {
        await using var scenario = await OidcScenario.StartAsync();
        using var browser = new TestBrowser();

        using var callback = await browser.SignInAsync(scenario.App, "op", "alice", OidcScenario.Alice.Password);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(scenario.App.AppUri, TestBrowser.LocationOf(callback));
        var config = await browser.ConfigAsync(scenario.App);
        var user = config.GetProperty("user");
        Assert.Equal("op:alice", user.GetProperty("identifier").GetString());
        Assert.Equal("Alice Liddell", user.GetProperty("displayName").GetString());
        Assert.True(config.GetProperty("auth").GetProperty("signedIn").GetBoolean());
    }
}
