namespace Parley.LoadTest;

/// <summary>One server's run of one scenario.</summary>
internal sealed class RunResult
{
    public required string Scenario { get; init; }
    public required ServerKind Server { get; init; }
    public int Sessions { get; init; }
    public int Connected { get; set; }
    public int MessagesPerSession { get; init; }
    public int TokensPerReply { get; init; }
    public int MessagesOk { get; set; }
    public int MessagesFailed { get; set; }
    public long Tokens { get; set; }
    public long Frames { get; set; }
    public double ConnectSeconds { get; set; }
    public double WallSeconds { get; set; }
    public bool TimedOut { get; set; }
    public Percentiles Ttft { get; set; } = Percentiles.Of([]);
    public Percentiles Ttlt { get; set; } = Percentiles.Of([]);
    public ErrorTally Errors { get; } = new();

    /// <summary>Server CPU (user + system) during the measured phase.</summary>
    public double ServerCpuSeconds { get; set; }

    /// <summary>Server CPU while the sessions connected (idle scenario).</summary>
    public double ServerConnectCpuSeconds { get; set; }
    public long ServerPeakRssBytes { get; set; }
    public double ClientCpuSeconds { get; set; }
    public int ServerWarnings { get; set; }

    // Idle scenario.
    public long RssBeforeBytes { get; set; }
    public long RssAfterBytes { get; set; }
    public long HeapBeforeBytes { get; set; }
    public long HeapAfterBytes { get; set; }
    public int StillOpen { get; set; }

    public double TokensPerSecond => WallSeconds > 0 ? Tokens / WallSeconds : 0;
    public double MessagesPerSecond => WallSeconds > 0 ? MessagesOk / WallSeconds : 0;
    public double FramesPerMessage => MessagesOk > 0 ? Frames / (double)MessagesOk : double.NaN;
    /// <summary>/proc counts CPU in clock ticks (10 ms): below 0.1 s a per-message figure would be mostly rounding.</summary>
    public const double CpuResolutionSeconds = 0.1;

    public double ServerCpuMsPerMessage => MessagesOk > 0 && ServerCpuSeconds >= CpuResolutionSeconds ? ServerCpuSeconds * 1000 / MessagesOk : double.NaN;
    public double RssPerSessionBytes => Connected > 0 ? (RssAfterBytes - RssBeforeBytes) / (double)Connected : double.NaN;
    public double HeapPerSessionBytes => Connected > 0 ? (HeapAfterBytes - HeapBeforeBytes) / (double)Connected : double.NaN;
    public double ConnectsPerSecond => ConnectSeconds > 0 ? Connected / ConnectSeconds : 0;
    public double ServerCpuMsPerConnect => Connected > 0 && ServerConnectCpuSeconds >= CpuResolutionSeconds ? ServerConnectCpuSeconds * 1000 / Connected : double.NaN;
}
