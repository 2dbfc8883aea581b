using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// Turns one modality of an <see cref="AlignedWindow"/> into a fusion model's feature sequence [t, d] and presence
/// mask [t], as the trainer packs cached features (<c>CacheWindowing.Fill</c>): the stream's rows stamped inside the
/// window, contiguous from step 0, mask true for them; the rest stays absent. Each stream has its own t.
/// </summary>
/// <remarks>
/// Rows are made as <c>mmf features</c> makes them for the cache (video: one row per frame at the frame's time; audio:
/// <see cref="AudioRowCutter"/>; text: <see cref="TranscriptRows"/>). Implementations hold per-stream state (rows kept
/// across overlapping windows, an extractor) and expect windows in start order: one instance per stream, not
/// thread-safe. (<see cref="ClipWindowFeatures"/> still cuts the window into equal slots; see its remarks.)
/// </remarks>
public interface IWindowFeatures
{
    /// <summary>The fusion graph's float input this fills ([batch, t, d]).</summary>
    string SequenceInput { get; }

    /// <summary>The fusion graph's bool input this fills ([batch, t]).</summary>
    string MaskInput { get; }

    /// <summary>Feature length d per time step.</summary>
    int Dimensions { get; }

    /// <summary>
    /// Fills <paramref name="sequence"/> (row-major [<paramref name="timeSteps"/>, <see cref="Dimensions"/>], cleared by
    /// the caller) and <paramref name="mask"/> ([<paramref name="timeSteps"/>], cleared: absent) from <paramref name="window"/>,
    /// which the caller keeps owning. <paramref name="timeSteps"/> is this stream's own time axis length.
    /// </summary>
    void Fill(AlignedWindow window, int timeSteps, Span<float> sequence, Span<bool> mask);
}
