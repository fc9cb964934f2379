namespace Parley.Tests.Authentication;

/// <summary>A clock that stands still until a test moves it.</summary>
internal sealed class FakeTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <summary>An arbitrary fixed instant, far from any daylight-saving or epoch boundary.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2031, 5, 14, 9, 30, 0, TimeSpan.Zero);

    private DateTimeOffset _now = now;

    public FakeTimeProvider()
        : this(DefaultStart)
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
