using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Parley.Tests.Infrastructure;

/// <summary>How one test host differs from the others.</summary>
internal sealed record TestWebHostOptions
{
    /// <summary>Configuration, as appsettings.json or environment variables would hold it.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings { get; init; } = [];

    public string EnvironmentName { get; init; } = "Testing";

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Debug;

    /// <summary>The app's clock; none leaves Parley's default, the system clock.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>When set, the listener speaks HTTPS with this certificate, which the host disposes with itself.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>A folder the test owns (kept on dispose, e.g. to start a second host on the same data); none makes a fresh temp folder that is deleted.</summary>
    public string? DataDirectory { get; init; }

    public TimeSpan StartTimeout { get; init; } = TestWebHost.Timeout;
}
