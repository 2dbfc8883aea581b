namespace MultimodalFusion.Pipeline.Supervision;

/// <summary>Where a <see cref="SourceSupervisor{T}"/> and its source are.</summary>
public enum SourceState
{
    /// <summary>Created or (re)starting the source; no packet of this run yet.</summary>
    Starting = 0,
    /// <summary>The source delivered a packet in its current run.</summary>
    Running = 1,
    /// <summary>The source failed; waiting before the next restart.</summary>
    BackingOff = 2,
    /// <summary>The source reached the end of its input; the output is completed.</summary>
    Ended = 3,
    /// <summary>The source failed for good (non-transient error, or restarts used up); the output is completed with the error.</summary>
    Failed = 4,
    /// <summary>Stopped by cancellation; the output is completed without error.</summary>
    Stopped = 5,
}
