using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// Turns one modality of an <see cref="AlignedWindow"/> into a fusion model's feature sequence [t, d] and presence
/// mask [t]: the window is split into t equal time slots, and slot i gets features where the modality is present.
/// </summary>
/// <remarks>Implementations hold per-call buffers and an extractor: one instance per stream, not thread-safe.</remarks>
public interface IWindowFeatures
{
    /// <summary>The fusion graph's float input this fills ([batch, t, d]).</summary>
    string SequenceInput { get; }

    /// <summary>The fusion graph's bool input this fills ([batch, t]).</summary>
    string MaskInput { get; }

    /// <summary>Feature length d per time slot.</summary>
    int Dimensions { get; }

    /// <summary>
    /// Fills <paramref name="sequence"/> (row-major [<paramref name="timeSteps"/>, <see cref="Dimensions"/>], cleared by
    /// the caller) and <paramref name="mask"/> ([<paramref name="timeSteps"/>], cleared: absent) from <paramref name="window"/>,
    /// which the caller keeps owning.
    /// </summary>
    void Fill(AlignedWindow window, int timeSteps, Span<float> sequence, Span<bool> mask);
}
