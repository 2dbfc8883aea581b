using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Inference.Preprocessing;

/// <summary>Target size, channel order and per-channel mean/std of an image model's input (NCHW float).</summary>
/// <remarks>Pixels are scaled to [0, 1] first, then <c>(v - Mean[c]) / Std[c]</c>; Mean and Std are in the output channel order.</remarks>
public sealed record ImageNormalization
{
    /// <summary>ImageNet statistics in RGB order, the usual choice for pretrained backbones.</summary>
    public static readonly IReadOnlyList<float> ImageNetMean = [0.485f, 0.456f, 0.406f];

    /// <summary>ImageNet standard deviations in RGB order.</summary>
    public static readonly IReadOnlyList<float> ImageNetStd = [0.229f, 0.224f, 0.225f];

    /// <summary>Output width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Output height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>True for RGB planes (the default), false to keep BGR.</summary>
    public bool Rgb { get; init; } = true;

    /// <summary>Per-channel mean after scaling to [0, 1].</summary>
    public IReadOnlyList<float> Mean { get; init; } = ImageNetMean;

    /// <summary>Per-channel standard deviation after scaling to [0, 1].</summary>
    public IReadOnlyList<float> Std { get; init; } = ImageNetStd;

    /// <summary>Floats in one NCHW sample: 3 * Height * Width.</summary>
    public int SampleLength => 3 * Width * Height;

    /// <summary>Reads the image settings of a manifest; missing size is an error naming the key.</summary>
    public static ImageNormalization FromManifest(PreprocessingSpec spec, string modelName)
    {
        int width = spec.Width ?? throw new ArgumentException($"{modelName}: preprocessing.width is required for an image model.");
        return new ImageNormalization
        {
            Width = width,
            Height = spec.Height ?? width,
            Rgb = !string.Equals(spec.ColorOrder, "bgr", StringComparison.OrdinalIgnoreCase),
            Mean = spec.Mean ?? ImageNetMean,
            Std = spec.Std ?? ImageNetStd,
        };
    }

    /// <summary>Throws with the key name when a value is out of range.</summary>
    public void Validate()
    {
        if (Width <= 0 || Height <= 0)
            throw new ArgumentOutOfRangeException(nameof(Width), $"Width and Height must be positive (got {Width}x{Height}).");
        if (Mean.Count != 3 || Std.Count != 3)
            throw new ArgumentException($"Mean and Std need 3 values each (got {Mean.Count} and {Std.Count}).", nameof(Mean));
        if (Std.Any(s => s <= 0))
            throw new ArgumentOutOfRangeException(nameof(Std), "Std values must be positive.");
    }
}
