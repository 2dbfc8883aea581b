namespace MultimodalFusion.Inference.Manifests;

/// <summary>The outcome of checking one installed model: its manifest when valid, otherwise the error.</summary>
/// <param name="ModelPath">The .onnx file.</param>
/// <param name="Manifest">The manifest, when the model loaded and matched it.</param>
/// <param name="Error">Why the model failed (names the file and the mismatch); null when it passed.</param>
public sealed record ModelCheck(string ModelPath, ModelManifest? Manifest, string? Error)
{
    /// <summary>True when the model loaded and matched its manifest.</summary>
    public bool Ok => Error is null;
}
