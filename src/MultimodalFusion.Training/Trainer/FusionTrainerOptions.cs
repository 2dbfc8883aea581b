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

    /// <summary>
    /// Class-balanced resampling (classification): each epoch draws its windows with replacement, with probability
    /// ∝ 1 / class frequency (<see cref="FusionBalancedSampler"/>); the loss is then not class-weighted.
    /// </summary>
    public bool BalancedSampling { get; init; }

    /// <summary>Dynamic frame sampling: per batch a stride 1..MaxFrameStride and a random offset thin every stream's steps (1 = off).</summary>
    public int MaxFrameStride { get; init; } = 1;

    /// <summary>Mixup: windows mixed with λ ~ Beta(α, α), features and targets alike (<see cref="FusionMixup"/>; 0 = off).</summary>
    public double MixupAlpha { get; init; }

    /// <summary>Weight of the per-frame loss (cross-entropy, or 1 - CCC for regression; models with a frame head and datasets with frame targets).</summary>
    public double FrameLossWeight { get; init; } = 1.0;

    /// <summary>
    /// With a frame head and per-frame validation targets, select the best epoch on the per-frame metric: macro-F1 (the
    /// DVD metric) or mean CCC over the labelled frames (the Aff-Wild2 VA metric).
    /// </summary>
    public bool SelectOnFrames { get; init; } = true;

    /// <summary>Where to write the resumable checkpoint after every epoch (<see cref="FusionTrainingCheckpoint"/>); null = none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Cosine schedule from LearningRate to 5% of it over <see cref="Epochs"/>: the rate of 1-based epoch <paramref name="epoch"/>.</summary>
    public double LearningRateAt(int epoch)
    {
        double floor = LearningRate * 0.05;
        return floor + (LearningRate - floor) * (1 + Math.Cos(Math.PI * (epoch - 1) / Epochs)) / 2;
    }

    /// <summary>Throws with a message naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Epochs < 1 || BatchSize < 1 || Patience < 1 || LearningRate <= 0)
            throw new ArgumentException("FusionTrainerOptions: Epochs, BatchSize, Patience must be >= 1 and LearningRate > 0.");
        if (MaxFrameStride < 1)
            throw new ArgumentException($"FusionTrainerOptions.MaxFrameStride = {MaxFrameStride} must be >= 1.");
        if (MixupAlpha < 0 || FrameLossWeight < 0 || ModalityDropout is < 0 or > 1)
            throw new ArgumentException("FusionTrainerOptions: MixupAlpha and FrameLossWeight must be >= 0, ModalityDropout in [0, 1].");
    }
}
