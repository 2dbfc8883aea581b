using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>The markdown report of one e2e run: written to the console as it grows and saved beside the histograms.</summary>
/// <remarks>Not thread-safe; the harness builds it on one thread.</remarks>
public sealed class E2eReport(TextWriter console)
{
    private readonly StringBuilder _markdown = new();

    /// <summary>Appends a line (markdown) to the report and the console.</summary>
    public void Line(string text = "")
    {
        _markdown.AppendLine(text);
        console.WriteLine(text);
    }

    /// <summary>The machine, runtime and load, for the report's head.</summary>
    public static string Environment()
    {
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        return $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {System.Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
            $".NET {System.Environment.Version}, load average (1 min) {load}";
    }

    /// <summary>The 1x comparison: the stage table, the ratios and the allocation line.</summary>
    public void RealTime(PipelineRunResult run, List<RawDecision> raw, int slots)
    {
        var d = run.Decisions;
        Line($"decisions: {d.Count} ({run.ByDeadline} emitted by deadline; {run.Flushed} flushed at the end of input, not counted); frames delivered {run.FramesWritten}, " +
            $"skipped by the replayer {run.FramesSkipped}; dropped by the live frame queue {run.FrameQueueDrops}, by the live window queue {run.WindowQueueDrops}; " +
            $"aligner late/regressions {run.AlignerDrops}");
        Line();
        Line(LatencySummary.Header);
        Line(new LatencySummary(d.Select(x => x.EndToEnd)).Row("end to end: newest frame captured -> prediction read"));
        Line(new LatencySummary(d.Select(x => x.Wait)).Row("aligner watermark wait: newest frame -> window emitted (latency, not overhead)"));
        Line(new LatencySummary(d.Select(x => x.Queue)).Row("window queue hop: emitted -> fusion stage starts"));
        Line(new LatencySummary(d.Select(x => x.Extract)).Row($"image extractor, {slots} slot frames"));
        Line(new LatencySummary(d.Select(x => x.Run)).Row("fusion run + output copy"));
        Line(new LatencySummary(d.Select(x => x.HandOff)).Row("prediction queue hop: written -> read"));
        var processing = new LatencySummary(d.Select(x => x.Processing));
        Line(processing.Row("**pipeline processing: emitted -> prediction read**"));
        Line(new LatencySummary(raw.Select(r => r.Extract)).Row($"raw loop: image extractor, {slots} slot frames"));
        Line(new LatencySummary(raw.Select(r => r.Run)).Row("raw loop: fusion run"));
        var rawTotal = new LatencySummary(raw.Select(r => r.Extract + r.Run));
        Line(rawTotal.Row($"**raw loop: extractor + fusion run** ({rawTotal.Count} decisions)"));
        Line();
        var compute = new LatencySummary(d.Select(x => x.Extract + x.Run));
        Line("| ratio | p50 | mean |");
        Line("|---|---:|---:|");
        Line($"| overhead: pipeline processing / raw loop | {Ratio(processing.Percentile(50), rawTotal.Percentile(50))} | {Ratio(processing.Mean, rawTotal.Mean)} |");
        Line($"| model work only: pipeline extractor + run / raw loop | {Ratio(compute.Percentile(50), rawTotal.Percentile(50))} | {Ratio(compute.Mean, rawTotal.Mean)} |");
        Line();
        Line($"slot frames extracted per decision (mean): pipeline {(d.Count > 0 ? d.Average(x => x.Extracted) : 0):F2}, raw loop {(raw.Count > 0 ? raw.Average(r => r.Extracted) : 0):F2}; " +
            $"per extraction (p50 of extraction time / mean count): pipeline {Per(new LatencySummary(d.Select(x => x.Extract)).Percentile(50), d.Count > 0 ? d.Average(x => x.Extracted) : 0)} ms, " +
            $"raw loop {Per(new LatencySummary(raw.Select(r => r.Extract)).Percentile(50), raw.Count > 0 ? raw.Average(r => r.Extracted) : 0)} ms");
        Line();
        double perDecision = d.Count > 0 ? run.AllocatedBytes / (double)d.Count : 0;
        Line($"managed allocations during the pipeline run (every thread, harness included): {run.AllocatedBytes / 1024.0:F0} KB, " +
            $"{perDecision / 1024.0:F1} KB per decision, {run.AllocatedBytes / (double)Math.Max(1, run.FramesWritten):F0} B per frame; {run.Gen0} gen-0 collections. " +
            $"Of these, the replay thread (camera stand-in: frame objects and pool misses) {run.ReplayerAllocatedBytes / 1024.0:F0} KB, " +
            $"the pipeline and harness threads {(run.AllocatedBytes - run.ReplayerAllocatedBytes) / 1024.0:F0} KB " +
            $"({(run.AllocatedBytes - run.ReplayerAllocatedBytes) / Math.Max(1.0, d.Count) / 1024.0:F1} KB per decision)");
    }

    /// <summary>The per-bucket table and verdict of one overload run.</summary>
    public string Overload(double factor, double speed, PipelineRunResult run, TimeSpan bucket)
    {
        List<OverloadBucket> buckets = OverloadBucket.Split(run, bucket);
        string verdict = OverloadBucket.Verdict(buckets, out string why);
        Line($"### {factor.ToString(CultureInfo.InvariantCulture)}x overload: replay at {speed:F1}x real time for {run.WallMicros / 1e6:F0} s");
        Line();
        Line($"decisions {run.Decisions.Count} ({run.ByDeadline} by deadline); frames delivered {run.FramesWritten}, skipped by the replayer {run.FramesSkipped}; " +
            $"dropped: frame queue {run.FrameQueueDrops}, window queue {run.WindowQueueDrops}, aligner late/regressions {run.AlignerDrops}; achieved {run.Speed:F1}x real time");
        Line();
        Line($"| {Label(bucket)} | decisions | p50 ms | p99 ms | max ms | frame queue drops | window queue drops | replayer skips |");
        Line("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (OverloadBucket b in buckets)
            Line($"| {b.Index + 1} | {b.Latency.Count} | {b.Latency.Percentile(50) / 1000.0:F1} | {b.Latency.Percentile(99) / 1000.0:F1} | {b.Latency.Max / 1000.0:F1} | " +
                $"{b.FrameQueueDrops} | {b.WindowQueueDrops} | {b.FramesSkipped} |");
        Line();
        Line($"verdict: **{verdict}** ({why})");
        Line();
        return verdict;
    }

    /// <summary>Writes the markdown to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, _markdown.ToString());
    }

    private static string Label(TimeSpan bucket) =>
        bucket == TimeSpan.FromMinutes(1) ? "minute" : $"{bucket.TotalSeconds:F0} s bucket";

    private static string Per(long micros, double count) => count > 0 ? (micros / 1000.0 / count).ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Ratio(double a, double b) => b > 0 ? (a / b).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
}
