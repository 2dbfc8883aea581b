namespace MultimodalFusion.Pipeline.Stages;

/// <summary>Where a <see cref="PipelineStage{TIn, TOut}"/> is in its life.</summary>
public enum StageState
{
    /// <summary>Constructed, not started.</summary>
    Created = 0,
    /// <summary>Reading its input.</summary>
    Running = 1,
    /// <summary>Its input ended and everything was processed; its output is completed.</summary>
    Completed = 2,
    /// <summary>Processing or the upstream failed; its output is completed with the error.</summary>
    Faulted = 3,
    /// <summary>Stopped by its cancellation token; its output is completed without error so downstream drains what it has.</summary>
    Cancelled = 4,
}
