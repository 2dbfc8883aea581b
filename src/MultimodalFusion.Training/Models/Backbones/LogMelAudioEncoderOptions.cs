namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>Shape of a <see cref="LogMelAudioEncoder"/>.</summary>
public sealed record LogMelAudioEncoderOptions
{
    /// <summary>Mel bins per frame (the manifest's melBins; the papers use 128).</summary>
    public int MelBins { get; init; } = 128;

    /// <summary>Channels of each 1D conv/BN/ReLU block over time (kernel 3, padding 1).</summary>
    public IReadOnlyList<int> Channels { get; init; } = [64, 128, 128];

    /// <summary>Temporal stride of each block (same count as <see cref="Channels"/>).</summary>
    public IReadOnlyList<int> Strides { get; init; } = [1, 2, 2];

    /// <summary>Feature length d (a linear projection of the time-averaged last block).</summary>
    public int FeatureSize { get; init; } = 128;

    /// <summary>Throws naming the field when a value is out of range.</summary>
    public void Validate()
    {
        if (MelBins < 1 || FeatureSize < 1)
            throw new ArgumentOutOfRangeException(nameof(MelBins), $"LogMelAudioEncoderOptions: MelBins and FeatureSize must be >= 1 (got {MelBins}, {FeatureSize}).");
        if (Channels.Count == 0 || Channels.Any(c => c < 1))
            throw new ArgumentException("LogMelAudioEncoderOptions.Channels needs at least one block, each >= 1 channel.", nameof(Channels));
        if (Strides.Count != Channels.Count || Strides.Any(s => s < 1))
            throw new ArgumentException($"LogMelAudioEncoderOptions.Strides needs {Channels.Count} values >= 1; got {Strides.Count}.", nameof(Strides));
    }
}
