using System.Text.Json;
using Parley.Protocol;

namespace Parley.Tests.Protocol;

public sealed class ProtocolSerializationTests
{
    [Fact]
    public void A_server_event_batch_carries_the_type_discriminator_of_each_event()
    {
        ServerEvent[] batch = [new TokenEvent("s1", "Hel"), new RunningEvent(false)];
        var json = JsonSerializer.Serialize(batch, ProtocolJsonContext.Default.ServerEventArray);
        Assert.Equal("""[{"type":"token","stepId":"s1","text":"Hel"},{"type":"running","running":false}]""", json);
    }
}
