using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>What the fusion model said about one aligned window of one stream.</summary>
/// <param name="Stream">The fusion stage (one per stream) that produced it.</param>
/// <param name="WindowIndex">The window's index on the aligner's grid.</param>
/// <param name="StartMicros">Window start on the data-path clock (inclusive).</param>
/// <param name="EndMicros">Window end (exclusive).</param>
/// <param name="Present">Modalities that contributed data to the window.</param>
/// <param name="Outputs">Per graph output, a copy of its values (e.g. class probabilities), in manifest order.</param>
/// <param name="TopLabel">The highest-scoring label of the first output that has labels; null when none has.</param>
public sealed record FusionPrediction(string Stream, long WindowIndex, long StartMicros, long EndMicros, ModalityMask Present,
    IReadOnlyDictionary<string, float[]> Outputs, string? TopLabel)
{
    /// <inheritdoc />
    public override string ToString() => $"{Stream} window {WindowIndex} [{StartMicros}, {EndMicros}) us present={Present}: {TopLabel ?? "(no labels)"}";
}
