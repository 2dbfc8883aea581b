using System.Globalization;

namespace MultimodalFusion.Pipeline.Metrics;

/// <summary>The values of one <see cref="StageMetrics"/> at one moment; latencies in microseconds, times on the data-path clock.</summary>
/// <param name="Name">Stage, channel or source name.</param>
/// <param name="In">Items received (packets produced, for a source).</param>
/// <param name="Out">Items passed on.</param>
/// <param name="Dropped">Items discarded.</param>
/// <param name="RatePerSecond">Items received per second over the rate window.</param>
/// <param name="LatencyCount">Latency samples.</param>
/// <param name="LatencyP50Micros">Median latency.</param>
/// <param name="LatencyP95Micros">95th percentile latency.</param>
/// <param name="LatencyP99Micros">99th percentile latency.</param>
/// <param name="LatencyMaxMicros">Largest latency.</param>
/// <param name="Restarts">Source restarts.</param>
/// <param name="LastError">Last error text (redacted), or null.</param>
/// <param name="LastErrorMicros">When the last error happened, or null.</param>
/// <param name="Gaps">Closed gaps: a failure followed, later, by a packet.</param>
/// <param name="LongestGap">Longest closed gap.</param>
/// <param name="TotalGap">Sum of the closed gaps.</param>
/// <param name="OpenGap">How long the stream has been dark now, or null when it is not.</param>
/// <param name="TakenMicros">When the snapshot was taken.</param>
public sealed record MetricsSnapshot(
    string Name,
    long In,
    long Out,
    long Dropped,
    double RatePerSecond,
    long LatencyCount,
    long LatencyP50Micros,
    long LatencyP95Micros,
    long LatencyP99Micros,
    long LatencyMaxMicros,
    long Restarts,
    string? LastError,
    long? LastErrorMicros,
    long Gaps,
    TimeSpan LongestGap,
    TimeSpan TotalGap,
    TimeSpan? OpenGap,
    long TakenMicros)
{
    /// <summary>One line for a console or a log: counts, rate, latency percentiles in ms, then restarts and gaps when there were any.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string line = string.Format(c, "{0}: in={1} out={2} dropped={3} rate={4:F1}/s", Name, In, Out, Dropped, RatePerSecond);
        if (LatencyCount > 0)
            line += string.Format(c, " latency p50={0:F2}ms p95={1:F2}ms p99={2:F2}ms max={3:F2}ms",
                LatencyP50Micros / 1000.0, LatencyP95Micros / 1000.0, LatencyP99Micros / 1000.0, LatencyMaxMicros / 1000.0);
        if (Restarts > 0 || Gaps > 0 || OpenGap is not null)
            line += string.Format(c, " restarts={0} gaps={1} longestGap={2:F2}s totalGap={3:F2}s", Restarts, Gaps, LongestGap.TotalSeconds, TotalGap.TotalSeconds);
        if (OpenGap is { } open)
            line += string.Format(c, " dark for {0:F2}s", open.TotalSeconds);
        if (LastError is not null)
            line += $" lastError=\"{LastError}\"";
        return line;
    }
}
