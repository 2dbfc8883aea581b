namespace MultimodalFusion.Training.Trainer;

/// <summary>How <see cref="FusionTrainer"/> trains: optimiser, schedule, stopping, regularisation, seed.</summary>
public sealed record FusionTrainerOptions
{
    /// <summary>Maximum epochs.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Windows per optimiser step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>AdamW learning rate.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>AdamW decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-2;

    /// <summary>Stop after this many epochs without a better validation metric; the best weights are restored.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Seeds torch, shuffling and modality dropout: the same seed gives the same run on CPU.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Probability that a training window loses one stream (its mask is cleared); never all of them.</summary>
    public double ModalityDropout { get; init; } = 0.1;

    /// <summary>Standard deviation of Gaussian noise added to training features (feature-level augmentation; 0 = off).</summary>
    public double FeatureNoise { get; init; } = 0.05;

    /// <summary>Probability of zeroing a single feature value in training (inverted dropout; 0 = off).</summary>
    public double FeatureDropout { get; init; } = 0.1;

    /// <summary>Largest shift in steps applied to a training batch along time (features and masks roll together; 0 = off).</summary>
    public int TemporalJitter { get; init; } = 1;

    /// <summary>Weight classes by inverse frequency in the cross-entropy (classification).</summary>
    public bool ClassWeights { get; init; } = true;

    /// <summary>Weight of the auto-encoder's reconstruction loss (models built with <c>AutoEncoder = true</c>).</summary>
    public double ReconstructionWeight { get; init; } = 0.1;

    /// <summary>Regression loss: 1 - CCC (default, the challenge metric) or MSE.</summary>
    public bool UseMse { get; init; }
}
