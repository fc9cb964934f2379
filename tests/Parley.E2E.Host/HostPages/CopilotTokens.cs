using JWT.Algorithms;
using JWT.Builder;

namespace Parley.E2E.Host.HostPages;

/// <summary>Mints copilot tokens the way a host site's backend would: HS256 with the shared secret.</summary>
public static class CopilotTokens
{
    /// <summary>The HS256 secret shared by the e2e host site and Parley (Parley:Auth:Copilot:Secret).</summary>
    public const string Secret = "e2e-copilot-secret-0123456789abcdef-0123456789";

    public static string Mint(string identifier, string displayName, TimeSpan lifetime, string secret = Secret)
    {
        var now = DateTimeOffset.UtcNow;
        return new JwtBuilder()
            .WithAlgorithm(new HMACSHA256Algorithm())
            .WithSecret(secret)
            .AddClaim("identifier", identifier)
            .AddClaim("display_name", displayName)
            .AddClaim("metadata", new Dictionary<string, object> { ["plan"] = "gold" })
            .AddClaim("iat", now.ToUnixTimeSeconds())
            .AddClaim("exp", now.Add(lifetime).ToUnixTimeSeconds())
            .Encode();
    }
}
