namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>Shape of a <see cref="SmallImageCnn"/>.</summary>
public sealed record SmallImageCnnOptions
{
    /// <summary>Square input side in pixels (the manifest's preprocessing width and height).</summary>
    public int InputSize { get; init; } = 64;

    /// <summary>Channels of each stride-2 block of the trunk (one block per entry).</summary>
    public IReadOnlyList<int> Channels { get; init; } = [16, 32, 64, 128];

    /// <summary>Feature length d (a linear projection of the pooled trunk output).</summary>
    public int FeatureSize { get; init; } = 128;

    /// <summary>Throws naming the field when a value is out of range.</summary>
    public void Validate()
    {
        if (InputSize < 8)
            throw new ArgumentOutOfRangeException(nameof(InputSize), $"SmallImageCnnOptions.InputSize must be >= 8; got {InputSize}.");
        if (FeatureSize < 1)
            throw new ArgumentOutOfRangeException(nameof(FeatureSize), $"SmallImageCnnOptions.FeatureSize must be >= 1; got {FeatureSize}.");
        if (Channels.Count == 0 || Channels.Any(c => c < 1))
            throw new ArgumentException("SmallImageCnnOptions.Channels needs at least one block, each >= 1 channel.", nameof(Channels));
    }
}
