namespace MultimodalFusion.Inference.Manifests;

/// <summary>A graph input or output as its manifest describes it.</summary>
public sealed record TensorSpec
{
    /// <summary>The graph's input/output name.</summary>
    public required string Name { get; init; }

    /// <summary>Dimensions, fixed (numbers) or symbolic (strings such as "batch" or "t").</summary>
    public required IReadOnlyList<ManifestDim> Shape { get; init; }

    /// <summary>Element type: float32, float16, float64, int64, int32, int8, uint8 or bool; float32 when omitted.</summary>
    public string Dtype { get; init; } = "float32";

    /// <summary>Class names for a classification output, one per entry of the last dimension.</summary>
    public IReadOnlyList<string>? Labels { get; init; }
}
