namespace Parley.Tests.Authentication.OAuth;

/// <summary>The real clock plus an offset a test can move forward: the real provider's tokens stay valid while cache intervals pass.</summary>
internal sealed class OffsetTimeProvider : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
