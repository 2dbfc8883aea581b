namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>Shape of a <see cref="ClipStem"/>.</summary>
public sealed record ClipStemOptions
{
    /// <summary>Frames per clip T (the runtime's ClipExtractor samples 16).</summary>
    public int FrameCount { get; init; } = 16;

    /// <summary>Square frame side in pixels (the manifest's preprocessing width and height).</summary>
    public int InputSize { get; init; } = 64;

    /// <summary>Channels of the first 3D convolution (kernel TemporalKernel x 3 x 3, stride TemporalStride x 2 x 2).</summary>
    public int StemChannels { get; init; } = 16;

    /// <summary>Temporal kernel of the first 3D convolution (odd; padded to keep T / stride steps).</summary>
    public int TemporalKernel { get; init; } = 3;

    /// <summary>Temporal stride of the first 3D convolution.</summary>
    public int TemporalStride { get; init; } = 2;

    /// <summary>Channels of the folding 3D convolution, whose kernel spans every remaining time step (T becomes 1).</summary>
    public int FoldChannels { get; init; } = 32;

    /// <summary>Channels of each stride-2 block of the 2D trunk after the fold.</summary>
    public IReadOnlyList<int> Channels { get; init; } = [64, 128];

    /// <summary>Feature length d (a linear projection of the pooled trunk output).</summary>
    public int FeatureSize { get; init; } = 128;

    /// <summary>Time steps left after the first 3D convolution (the folding kernel's temporal size).</summary>
    public int StemFrames => (FrameCount + 2 * (TemporalKernel / 2) - TemporalKernel) / TemporalStride + 1;

    /// <summary>Throws naming the field when a value is out of range.</summary>
    public void Validate()
    {
        if (FrameCount < 1 || InputSize < 8 || StemChannels < 1 || FoldChannels < 1 || FeatureSize < 1)
            throw new ArgumentOutOfRangeException(nameof(FrameCount),
                $"ClipStemOptions: FrameCount, StemChannels, FoldChannels, FeatureSize must be >= 1 and InputSize >= 8 (got {this}).");
        if (TemporalKernel < 1 || TemporalKernel % 2 == 0 || TemporalStride < 1)
            throw new ArgumentOutOfRangeException(nameof(TemporalKernel),
                $"ClipStemOptions: TemporalKernel must be odd and >= 1, TemporalStride >= 1 (got {TemporalKernel}, {TemporalStride}).");
        if (Channels.Count == 0 || Channels.Any(c => c < 1))
            throw new ArgumentException("ClipStemOptions.Channels needs at least one block, each >= 1 channel.", nameof(Channels));
    }
}
