namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// Where a training run stands after an epoch, saved beside the weights by <see cref="FusionTrainingCheckpoint"/>:
/// enough (with the optimizer state and the best weights) for <see cref="FusionTrainer.Resume"/> to continue and end
/// exactly as an uninterrupted run would on CPU.
/// </summary>
/// <remarks>
/// The random state is a position, not a generator dump: the trainer reseeds torch and its shuffling generator from
/// (<see cref="Seed"/>, epoch) at the start of every epoch, so the next epoch's draws follow from these two numbers.
/// </remarks>
public sealed record FusionTrainingState
{
    /// <summary>The run's seed (<see cref="FusionTrainerOptions.Seed"/>).</summary>
    public required int Seed { get; init; }

    /// <summary>Epochs finished; the next epoch to run is this + 1 (its random state derives from Seed and that number).</summary>
    public required int EpochsDone { get; init; }

    /// <summary>The epoch whose weights are the best so far (0 = none yet).</summary>
    public required int BestEpoch { get; init; }

    /// <summary>The best validation metric so far (higher is better).</summary>
    public required double BestMetric { get; init; }

    /// <summary>Name of the selection metric (macroF1, frameMacroF1, cccMean).</summary>
    public required string MetricName { get; init; }

    /// <summary>True when the run stopped early (patience) after <see cref="EpochsDone"/>; resuming only restores the best weights.</summary>
    public bool Stopped { get; init; }

    /// <summary>Every finished epoch, in order (the curves and metrics.json of a resumed run cover the whole run).</summary>
    public required IReadOnlyList<FusionEpoch> History { get; init; }
}
