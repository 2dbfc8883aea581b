namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// Decides which video frames are looked at for feature rows: each frame once (overlapping fusion windows hand over the
/// same frames again), and, when a row rate is set, frames only until one of them gave a row in each <c>1 / rate</c>
/// interval from the first frame, so a 30 fps camera gives the 10 rows per second a model trained on 10 fps video
/// expects (and a frame without a face leaves the next frame of its interval a chance).
/// </summary>
/// <remarks>
/// The feature cache takes every frame of a video (one row per frame, stamped at the frame's time), so on a source at
/// the trained rate every frame is taken, as there. Frames must be offered in time order. Not thread-safe.
/// </remarks>
public sealed class FrameRowPicker
{
    private readonly long _periodMicros;   // 0: every frame
    private long _origin = long.MinValue;
    private long _filledBucket = long.MinValue;   // the latest interval that has a row

    /// <summary>A picker for at most <paramref name="maxRowsPerSecond"/> rows per second (null or 0: every frame).</summary>
    public FrameRowPicker(double? maxRowsPerSecond = null)
    {
        if (maxRowsPerSecond is < 0 || maxRowsPerSecond is double.NaN)
            throw new ArgumentOutOfRangeException(nameof(maxRowsPerSecond), maxRowsPerSecond, "row rate must be positive (or null for every frame).");
        _periodMicros = maxRowsPerSecond is > 0 ? (long)Math.Round(1e6 / maxRowsPerSecond.Value) : 0;
    }

    /// <summary>The latest frame time offered; <see cref="long.MinValue"/> before the first.</summary>
    public long LastOffered { get; private set; } = long.MinValue;

    /// <summary>
    /// True when the frame stamped <paramref name="frameMicros"/> is new (after every frame offered so far) and its
    /// interval has no row yet; false for a frame seen before or one the rate skips. Call <see cref="RowMade"/> when it gave a row.
    /// </summary>
    public bool Take(long frameMicros)
    {
        if (frameMicros <= LastOffered)
            return false;
        LastOffered = frameMicros;
        if (_origin == long.MinValue)
            _origin = frameMicros;
        return _periodMicros == 0 || Interval(frameMicros) > _filledBucket;
    }

    /// <summary>Records that the frame stamped <paramref name="frameMicros"/> (just taken) gave a row: its interval is full.</summary>
    public void RowMade(long frameMicros)
    {
        if (_periodMicros > 0)
            _filledBucket = Math.Max(_filledBucket, Interval(frameMicros));
    }

    // Intervals start at the first frame, which is where the aligner's window grid starts too.
    private long Interval(long frameMicros) => (frameMicros - _origin) / _periodMicros;
}
