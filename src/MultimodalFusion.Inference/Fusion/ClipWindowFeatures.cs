using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// Temporal-clip slots of a fusion window (the one stream still cut into equal slots rather than packed rows as the cache
/// stamps them; no default model uses it): slot i holds the clip features of the frames in the i-th of t equal
/// sub-spans of the window (with t = 1, one clip over the whole window, the paper's setting).
/// </summary>
/// <remarks>
/// A slot without a frame stays absent (mask false). Each present slot costs one clip-model run of
/// <see cref="ClipExtractor.FrameCount"/> frames, so fusion graphs usually give the clip stream few slots.
/// The extractor is not owned; one instance per stream, not thread-safe.
/// </remarks>
public sealed class ClipWindowFeatures : IWindowFeatures
{
    private readonly ClipExtractor _extractor;

    /// <summary>Fills <paramref name="sequenceInput"/>/<paramref name="maskInput"/> with <paramref name="extractor"/>'s clip features.</summary>
    public ClipWindowFeatures(ClipExtractor extractor, string sequenceInput, string maskInput)
    {
        _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
        SequenceInput = sequenceInput;
        MaskInput = maskInput;
    }

    /// <inheritdoc />
    public string SequenceInput { get; }

    /// <inheritdoc />
    public string MaskInput { get; }

    /// <inheritdoc />
    public int Dimensions => _extractor.FeatureLength;

    /// <inheritdoc />
    public void Fill(AlignedWindow window, int timeSteps, Span<float> sequence, Span<bool> mask)
    {
        int d = Dimensions;
        for (int i = 0; i < timeSteps; i++)
        {
            var (slotStart, slotEnd) = WindowSlots.Bounds(window, i, timeSteps);
            if (slotEnd <= slotStart || !_extractor.TryExtract(window.Video, slotStart, slotEnd, out ReadOnlySpan<float> features))
                continue;
            features.CopyTo(sequence.Slice(i * d, d));
            mask[i] = true;
        }
    }
}
