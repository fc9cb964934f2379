using Parley.Authentication.Password;

namespace Parley.Tests.Authentication.Password;

public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/thread/42")]
    [InlineData("/support/?q=a%20b")]
    [InlineData("/next?to=https://elsewhere.example")]
    [InlineData("/a b")]
    [InlineData("/%ZZ")]
    public void A_local_path_is_kept(string url) => Assert.Equal(url, ReturnUrl.Sanitize(url, "/home"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("thread/42")]
    [InlineData("//evil.example")]
    [InlineData("///evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/x\\..\\..\\evil")]
    [InlineData("https://evil.example")]
    [InlineData("HTTPS://evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,x")]
    [InlineData("/%2f%2fevil.example")]
    [InlineData("/%5cevil.example")]
    [InlineData("/%252f%252fevil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("/%0d%0a/evil.example")]
    [InlineData("/\u2028/evil.example")]
    [InlineData("/%E2%80%A8/evil.example")]
    public void Anything_else_becomes_the_fallback(string? url) => Assert.Equal("/home", ReturnUrl.Sanitize(url, "/home"));

    [Fact]
    public void A_very_long_path_becomes_the_fallback() => Assert.Equal("/home", ReturnUrl.Sanitize("/" + new string('a', 5000), "/home"));
}
