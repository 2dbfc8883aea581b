namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>What one replay through the pipeline produced: per-decision timings, counters and allocation figures.</summary>
/// <param name="Decisions">Steady-state decisions (windows emitted by the live rules, not flushed at the end of input).</param>
/// <param name="ByDeadline">Decisions whose window was emitted by the aligner's deadline.</param>
/// <param name="Flushed">Windows flushed at the end of input (not in <paramref name="Decisions"/>).</param>
/// <param name="FramesWritten">Frames the replayer delivered.</param>
/// <param name="FramesSkipped">Frames the replayer skipped because it was behind (source overrun).</param>
/// <param name="FrameQueueDrops">Frames dropped by the live frame queue (DropOldest).</param>
/// <param name="WindowQueueDrops">Windows dropped by the live window queue (DropOldest).</param>
/// <param name="AlignerDrops">Late and regressing packets the aligner discarded.</param>
/// <param name="WallMicros">Replay start -> last prediction read.</param>
/// <param name="Media">Media time replayed.</param>
/// <param name="AllocatedBytes">Managed bytes allocated by every thread of the process during the run (harness included).</param>
/// <param name="ReplayerAllocatedBytes">The part of <paramref name="AllocatedBytes"/> allocated by the replay thread (the camera stand-in).</param>
/// <param name="Gen0">Gen-0 collections during the run.</param>
/// <param name="Samples">Cumulative drop counters sampled at each bucket boundary (overload runs), then at the end.</param>
/// <param name="Error">The first stage failure, or null.</param>
public sealed record PipelineRunResult(IReadOnlyList<DecisionRecord> Decisions, int ByDeadline, int Flushed, long FramesWritten,
    long FramesSkipped, long FrameQueueDrops, long WindowQueueDrops, long AlignerDrops, long WallMicros, TimeSpan Media,
    long AllocatedBytes, long ReplayerAllocatedBytes, int Gen0, IReadOnlyList<DropSample> Samples, Exception? Error)
{
    /// <summary>The runs one after another as one result (decisions and counters summed; samples of the first run only).</summary>
    public static PipelineRunResult Combine(IReadOnlyList<PipelineRunResult> runs) => runs.Count == 1 ? runs[0] : new(
        [.. runs.SelectMany(r => r.Decisions)], runs.Sum(r => r.ByDeadline), runs.Sum(r => r.Flushed), runs.Sum(r => r.FramesWritten),
        runs.Sum(r => r.FramesSkipped), runs.Sum(r => r.FrameQueueDrops), runs.Sum(r => r.WindowQueueDrops), runs.Sum(r => r.AlignerDrops),
        runs.Sum(r => r.WallMicros), TimeSpan.FromTicks(runs.Sum(r => r.Media.Ticks)), runs.Sum(r => r.AllocatedBytes), runs.Sum(r => r.ReplayerAllocatedBytes), runs.Sum(r => r.Gen0),
        runs[0].Samples, runs.Select(r => r.Error).FirstOrDefault(e => e is not null));

    /// <summary>Media seconds processed per wall second.</summary>
    public double Speed => WallMicros > 0 ? Media.TotalSeconds / (WallMicros / 1e6) : 0;
}
