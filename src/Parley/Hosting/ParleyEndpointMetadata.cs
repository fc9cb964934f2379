namespace Parley.Hosting;

/// <summary>What a Parley endpoint serves, as endpoint metadata.</summary>
internal enum ParleyEndpointKind
{
    /// <summary>The REST API under <c>{path}/api</c>.</summary>
    Api,

    /// <summary>The SignalR hub under <c>{path}/hub</c> (negotiate and the connection itself).</summary>
    Hub,
}

/// <summary>
/// Marks the API and hub endpoints MapParley creates, so the parts that treat them differently
/// from the web UI (CORS, the hub's access token, host-app challenges) recognise them.
/// </summary>
internal sealed class ParleyEndpointMetadata
{
    public static readonly ParleyEndpointMetadata Api = new(ParleyEndpointKind.Api);
    public static readonly ParleyEndpointMetadata Hub = new(ParleyEndpointKind.Hub);

    private ParleyEndpointMetadata(ParleyEndpointKind kind) => Kind = kind;

    public ParleyEndpointKind Kind { get; }
}
