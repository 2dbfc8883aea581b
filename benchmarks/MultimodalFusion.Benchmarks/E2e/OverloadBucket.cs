namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>Decisions read during one bucket of wall time of an overload run, and the drops counted in it.</summary>
/// <param name="Index">Bucket number, from 0.</param>
/// <param name="Latency">End-to-end latencies of the decisions read in the bucket.</param>
/// <param name="FrameQueueDrops">Frames the live frame queue dropped in the bucket.</param>
/// <param name="WindowQueueDrops">Windows the live window queue dropped in the bucket.</param>
/// <param name="FramesSkipped">Frames the replayer skipped (source overrun) in the bucket.</param>
public sealed record OverloadBucket(int Index, LatencySummary Latency, long FrameQueueDrops, long WindowQueueDrops, long FramesSkipped)
{
    /// <summary>Splits <paramref name="run"/>'s decisions and drop samples into buckets of <paramref name="bucket"/>.</summary>
    public static List<OverloadBucket> Split(PipelineRunResult run, TimeSpan bucket)
    {
        long size = (long)bucket.TotalMicroseconds;
        var buckets = new List<OverloadBucket>();
        DropSample previous = default;
        var samples = run.Samples.OrderBy(s => s.AtMicros).ToList();
        for (int i = 0; i * size < run.WallMicros; i++)
        {
            long start = i * size, end = start + size;
            // The cumulative counters at the bucket's end: the first sample taken at or after it (the last one otherwise).
            DropSample at = samples.FirstOrDefault(s => s.AtMicros >= end - size / 100, samples.Count > 0 ? samples[^1] : default);
            buckets.Add(new OverloadBucket(i, new LatencySummary(run.Decisions.Where(d => d.ReadAtMicros >= start && d.ReadAtMicros < end).Select(d => d.EndToEnd)),
                at.FrameQueueDrops - previous.FrameQueueDrops, at.WindowQueueDrops - previous.WindowQueueDrops, at.FramesSkipped - previous.FramesSkipped));
            previous = at;
        }
        return buckets;
    }

    /// <summary>
    /// "flat" or "growing", comparing the last full bucket with the first: growing when its p50 or p99 exceeds the
    /// first's by more than half plus 10 ms, or when it holds no decision at all.
    /// </summary>
    public static string Verdict(IReadOnlyList<OverloadBucket> buckets, out string why)
    {
        if (buckets.Count < 2)
        {
            why = "one bucket only: nothing to compare";
            return "n/a";
        }
        OverloadBucket first = buckets[0], last = buckets[^1].Latency.Count >= buckets[0].Latency.Count / 2 ? buckets[^1] : buckets[^2];
        if (last.Latency.Count == 0)
        {
            why = $"bucket {last.Index} holds no decision";
            return "growing";
        }
        static bool Grew(long a, long b) => b > a * 1.5 + 10_000;
        bool grew = Grew(first.Latency.Percentile(50), last.Latency.Percentile(50)) || Grew(first.Latency.Percentile(99), last.Latency.Percentile(99));
        why = $"bucket {first.Index} p50/p99 {first.Latency.Percentile(50) / 1000.0:F1}/{first.Latency.Percentile(99) / 1000.0:F1} ms, " +
            $"bucket {last.Index} {last.Latency.Percentile(50) / 1000.0:F1}/{last.Latency.Percentile(99) / 1000.0:F1} ms (growing: > 1.5x + 10 ms)";
        return grew ? "growing" : "flat";
    }
}
