namespace MultimodalFusion.Training.Trainer;

/// <summary>How <see cref="BackboneTrainer"/> trains: optimiser, schedule, stopping, augmentation, seed.</summary>
public sealed record BackboneTrainerOptions
{
    /// <summary>Maximum epochs.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Samples per optimiser step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>AdamW learning rate (cosine-annealed to 5 % over <see cref="Epochs"/>).</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>AdamW decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-2;

    /// <summary>Stop after this many epochs without a better validation metric; the best weights are restored.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Stop early once the validation metric reaches this value (null: never); the best weights are kept.</summary>
    public double? TargetMetric { get; init; }

    /// <summary>Seeds torch and shuffling: the same seed gives the same run on CPU.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Weight classes by inverse frequency in the cross-entropy (classification).</summary>
    public bool ClassWeights { get; init; } = true;

    /// <summary>Regression loss: 1 - CCC (default, the challenge metric) or MSE.</summary>
    public bool UseMse { get; init; }

    /// <summary>Standard deviation of Gaussian noise added to training inputs (0 = off).</summary>
    public double InputNoise { get; init; }

    /// <summary>
    /// libtorch intra-op threads for the run (restored afterwards); null leaves the process setting. Small models train
    /// much faster on 1 thread on a busy machine, where OpenMP workers spin waiting for each other.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>Throws naming the field when a value is out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1 || BatchSize < 2 || Patience < 1)
            throw new ArgumentException($"BackboneTrainerOptions: Epochs and Patience must be >= 1, BatchSize >= 2 (batch norm); got {Epochs}, {Patience}, {BatchSize}.");
        if (Threads is < 1)
            throw new ArgumentException($"BackboneTrainerOptions: Threads must be >= 1 or null; got {Threads}.");
        if (LearningRate <= 0 || WeightDecay < 0 || InputNoise < 0)
            throw new ArgumentException($"BackboneTrainerOptions: LearningRate must be > 0, WeightDecay and InputNoise >= 0; got {LearningRate}, {WeightDecay}, {InputNoise}.");
    }
}
