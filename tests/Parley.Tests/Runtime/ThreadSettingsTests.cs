using System.Text.Json;
using Parley.Runtime;

namespace Parley.Tests.Runtime;

public sealed class ThreadSettingsTests
{
    private static Dictionary<string, JsonElement> Values(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    [Fact]
    public void Settings_are_written_next_to_the_other_metadata_and_read_back()
    {
        var metadata = ThreadSettings.Write("""{"source":"import","chatSettings":{"old":1}}""", Values("""{"model":"b","temperature":0.5}"""));

        Assert.Equal("""{"source":"import","chatSettings":{"model":"b","temperature":0.5}}""", metadata);
        var read = ThreadSettings.Read(metadata);
        Assert.Equal(["model", "temperature"], read.Keys.Order());
        Assert.Equal("b", read["model"].GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"chatSettings":"model=b"}""")]
    public void Metadata_without_readable_settings_restores_none_and_is_overwritten_cleanly(string? metadata)
    {
        Assert.Empty(ThreadSettings.Read(metadata));
        Assert.Equal("""{"chatSettings":{"model":"a"}}""", ThreadSettings.Write(metadata, Values("""{"model":"a"}""")));
    }
}
