using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Capture.Tests.Video;

/// <summary>A clock that moves forward by a fixed step each time it is read: arrival times become deterministic.</summary>
internal sealed class SteppingClock(long stepMicros) : IClock
{
    private long _now = -stepMicros;

    /// <inheritdoc />
    public long NowMicros => Interlocked.Add(ref _now, stepMicros);
}
