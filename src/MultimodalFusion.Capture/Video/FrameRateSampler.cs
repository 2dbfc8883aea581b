namespace MultimodalFusion.Capture.Video;

/// <summary>Keeps at most a target number of frames per second, chosen by their timestamps.</summary>
/// <remarks>
/// Time is cut into slots of 1/fps seconds counted from the first frame offered; the first frame
/// that falls into a new slot is kept, the others are dropped. Deterministic for file PTS (a 10 fps
/// clip sampled at 5 fps keeps every second frame) and robust to jitter for arrival times (a late
/// frame does not shift later slots). Not thread-safe: one per decode loop.
/// </remarks>
internal sealed class FrameRateSampler
{
    private readonly double _targetFps;
    private long? _originMicros;
    private long _lastSlot = long.MinValue;

    /// <summary>A sampler for <paramref name="targetFps"/> frames per second; null or &lt;= 0 keeps every frame.</summary>
    public FrameRateSampler(double? targetFps)
    {
        if (targetFps is { } fps && (double.IsNaN(fps) || double.IsInfinity(fps)))
            throw new ArgumentOutOfRangeException(nameof(targetFps), targetFps, "The target frame rate must be a finite number of frames per second.");
        _targetFps = targetFps is > 0 ? targetFps.Value : 0;
    }

    /// <summary>True when every frame is kept.</summary>
    public bool KeepsAll => _targetFps == 0;

    /// <summary>True when the frame at <paramref name="timeMicros"/> should be kept.</summary>
    public bool ShouldKeep(long timeMicros)
    {
        if (KeepsAll)
            return true;
        _originMicros ??= timeMicros;
        // The tiny epsilon keeps a frame that sits exactly on a slot boundary (0.2 s at 5 fps)
        // in that slot despite binary rounding.
        long slot = (long)Math.Floor((timeMicros - _originMicros.Value) * _targetFps / 1_000_000.0 + 1e-9);
        if (slot <= _lastSlot)
            return false;
        _lastSlot = slot;
        return true;
    }
}
