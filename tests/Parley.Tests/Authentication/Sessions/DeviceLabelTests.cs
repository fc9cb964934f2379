using Parley.Authentication.Sessions;

namespace Parley.Tests.Authentication.Sessions;

public sealed class DeviceLabelTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iOS")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox on Linux")]
    [InlineData("curl/8.5.0", "curl/8.5.0")]
    [InlineData(null, null)]
    public void A_user_agent_gets_a_short_label(string? userAgent, string? label) => Assert.Equal(label, DeviceLabel.From(userAgent));

    [Fact]
    public void A_stored_user_agent_is_bounded_and_has_no_control_characters()
    {
        var stored = DeviceLabel.Clean("evil\r\nSet-Cookie: x" + new string('a', 2000));

        Assert.NotNull(stored);
        Assert.Equal(DeviceLabel.MaxUserAgentLength, stored.Length);
        Assert.DoesNotContain('\n', stored);
    }
}
