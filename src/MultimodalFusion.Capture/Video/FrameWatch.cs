using System.Diagnostics;

namespace MultimodalFusion.Capture.Video;

/// <summary>When the last frame of one ffmpeg run arrived, and the watchdog's verdict on it.</summary>
/// <remarks>Uses real elapsed time (not the data-path clock, which a test may freeze). Thread-safe:
/// the frame loop marks, the watchdog checks.</remarks>
internal sealed class FrameWatch
{
    private readonly long _startTicks = Stopwatch.GetTimestamp();
    private long _lastFrameTicks;
    private string? _verdict;

    /// <summary>Why the watchdog stopped the run; null while it has not.</summary>
    public string? Verdict => Volatile.Read(ref _verdict);

    /// <summary>Records that a complete frame arrived now.</summary>
    public void MarkFrame() => Volatile.Write(ref _lastFrameTicks, Stopwatch.GetTimestamp());

    /// <summary>A verdict (also kept in <see cref="Verdict"/>) when a timeout expired; null while frames are on time.</summary>
    public string? Check(TimeSpan firstFrameTimeout, TimeSpan stallTimeout)
    {
        long last = Volatile.Read(ref _lastFrameTicks);
        string? verdict = last == 0
            ? Stopwatch.GetElapsedTime(_startTicks) > firstFrameTimeout
                ? $"no first frame within {firstFrameTimeout.TotalSeconds:0.###} s (FirstFrameTimeout)"
                : null
            : Stopwatch.GetElapsedTime(last) > stallTimeout
                ? $"stalled: no frame for {stallTimeout.TotalSeconds:0.###} s (StallTimeout)"
                : null;
        if (verdict is not null)
            Interlocked.CompareExchange(ref _verdict, verdict, null);
        return verdict;
    }
}
