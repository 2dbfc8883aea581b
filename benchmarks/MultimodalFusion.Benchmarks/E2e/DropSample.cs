namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>Cumulative drop counters at <paramref name="AtMicros"/> after the replay started.</summary>
public readonly record struct DropSample(long AtMicros, long FrameQueueDrops, long WindowQueueDrops, long FramesSkipped);
