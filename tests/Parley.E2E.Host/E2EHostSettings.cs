namespace Parley.E2E.Host;

/// <summary>Where and how the e2e host runs.</summary>
public sealed record E2EHostSettings
{
    /// <summary>Database and files; a new temp folder (deleted on dispose) when null.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Parley's port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The port of the other-origin host site; 0 picks a free one.</summary>
    public int HostSitePort { get; init; }

    /// <summary>Log requests and warnings to the console (for running the host by hand).</summary>
    public bool Verbose { get; init; }
}
