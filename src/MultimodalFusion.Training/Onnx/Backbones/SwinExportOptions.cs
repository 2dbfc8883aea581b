namespace MultimodalFusion.Training.Onnx.Backbones;

/// <summary>What an exported Swin feature extractor and its manifest are called and what they claim.</summary>
public sealed record SwinExportOptions
{
    /// <summary>ImageNet mean in RGB order (what torchvision's pretrained Swin expects after scaling to [0, 1]).</summary>
    public static readonly IReadOnlyList<float> ImageNetMean = [0.485f, 0.456f, 0.406f];

    /// <summary>ImageNet standard deviation in RGB order.</summary>
    public static readonly IReadOnlyList<float> ImageNetStd = [0.229f, 0.224f, 0.225f];

    /// <summary>Model name: the file stem of <c>name.onnx</c> / <c>name.json</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Graph input: float32 RGB images [batch, 3, S, S], normalised with <see cref="Mean"/>/<see cref="Std"/>.</summary>
    public string InputName { get; init; } = "image";

    /// <summary>Graph output: float32 features [batch, FeatureSize].</summary>
    public string OutputName { get; init; } = "features";

    /// <summary>Per-channel mean (RGB) the preprocessor subtracts after scaling pixels to [0, 1].</summary>
    public IReadOnlyList<float> Mean { get; init; } = ImageNetMean;

    /// <summary>Per-channel standard deviation (RGB) the preprocessor divides by.</summary>
    public IReadOnlyList<float> Std { get; init; } = ImageNetStd;

    /// <summary>Face-crop margin for the runtime (a fraction of the box side), or null to feed whole frames.</summary>
    public float? FaceMargin { get; init; }

    /// <summary>Honest description of the weights' training data, e.g. "ImageNet-1k (torchvision Swin_T_Weights.IMAGENET1K_V1)".</summary>
    public string Data { get; init; } = "untrained (random initialisation)";

    /// <summary>The weights file the model was loaded from (.pt/.pth/.safetensors), recorded with its SHA-256; null if none.</summary>
    public string? WeightsFile { get; init; }

    /// <summary>Licence of the weights, if known (recorded in the provenance).</summary>
    public string? License { get; init; }
}
