using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>One emotion fusion model bound for a window: its manifest, its runner and the graph inputs it takes.</summary>
/// <remarks>The runner and the loaded model belong to the <see cref="EmotionModels"/> that created this; valid until it is disposed.</remarks>
/// <param name="Path">The .onnx file.</param>
/// <param name="Manifest">Its validated manifest.</param>
/// <param name="Runner">The IOBinding runner, bound for <see cref="EmotionModels.TimeSteps"/> slots.</param>
public sealed record EmotionFusionModel(string Path, ModelManifest Manifest, FusionRunner Runner)
{
    /// <summary>Names of the graph's inputs (feature sequences and their masks).</summary>
    public IReadOnlySet<string> Inputs { get; } = Manifest.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Names of the graph's float feature-sequence inputs (the streams it fuses), in manifest order.</summary>
    public IReadOnlyList<string> Streams => Manifest.Inputs.Where(i => i.Dtype == "float32").Select(i => i.Name).ToList();

    /// <summary>True when the graph has an output named <paramref name="output"/>.</summary>
    public bool HasOutput(string output) => Manifest.Outputs.Any(o => o.Name == output);
}
