using System.Diagnostics;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Apps.Violence;

/// <summary>Times one model of one camera (its feature extractor or its fusion model): per-call latency and the running total.</summary>
/// <remarks>
/// <para>Each call counts once in <see cref="Stage"/> (<see cref="StageMetrics.RecordIn"/>, so its rate is calls per
/// second) with its duration as a latency sample in microseconds, and adds the duration to <see cref="Total"/>; the
/// stage is exported as <c>mmf_stage_latency_milliseconds{camera, stage, quantile}</c> and the total as
/// <c>mmf_model_time_seconds_total{camera, stage}</c>. Durations are wall time of the calling thread on
/// <see cref="Stopwatch"/>, not the pipeline clock: a <c>ManualClock</c> in a test does not stop them.</para>
/// <para>Thread-safe and allocation-free. Owns nothing; the stage belongs to its registry.</para>
/// </remarks>
public sealed class ModelTimer
{
    private long _totalTicks;

    /// <summary>A timer that records into <paramref name="stage"/> (e.g. a registry's <c>{camera}/model</c>).</summary>
    public ModelTimer(StageMetrics stage) => Stage = stage ?? throw new ArgumentNullException(nameof(stage));

    /// <summary>The stage that counts the calls and their latency.</summary>
    public StageMetrics Stage { get; }

    /// <summary>Calls timed so far.</summary>
    public long Calls => Stage.Latency.Count;

    /// <summary>Time spent in the model over all calls.</summary>
    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _totalTicks));

    /// <summary>A <see cref="Stopwatch"/> timestamp to hand back to <see cref="Stop"/> after the call.</summary>
    public static long Start() => Stopwatch.GetTimestamp();

    /// <summary>Records one call that began at <paramref name="startTimestamp"/> (from <see cref="Start"/>) and ends now.</summary>
    public void Stop(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp));

    /// <summary>Records one call that took <paramref name="elapsed"/> (negative counts as zero).</summary>
    public void Record(TimeSpan elapsed)
    {
        long ticks = Math.Max(0, elapsed.Ticks);
        Interlocked.Add(ref _totalTicks, ticks);
        Stage.RecordIn();
        Stage.RecordOut();
        Stage.RecordLatency(ticks / TimeSpan.TicksPerMicrosecond);
    }
}
