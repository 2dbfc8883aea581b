using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// Video rows of a fusion window, made as the feature cache makes them (one image-feature row per frame, stamped at the
/// frame's time) and packed as the trainer packs them: the rows of the window's frames, contiguous from step 0.
/// </summary>
/// <remarks>
/// Each frame is extracted once and its row kept until a window starts after it (overlapping windows share frames).
/// With a row rate (<see cref="FrameRowPicker"/>) a faster source is thinned to that rate. A window with more frames
/// than steps keeps the first ones. The extractor is not owned; one instance per stream, not thread-safe.
/// </remarks>
public sealed class VideoWindowFeatures : IWindowFeatures
{
    private readonly ImageExtractor _extractor;
    private readonly FrameRowPicker _picker;
    private readonly WindowRows _rows;

    /// <summary>Fills <paramref name="sequenceInput"/>/<paramref name="maskInput"/> with <paramref name="extractor"/>'s features, at most <paramref name="maxRowsPerSecond"/> rows per second (null: every frame).</summary>
    public VideoWindowFeatures(ImageExtractor extractor, string sequenceInput, string maskInput, double? maxRowsPerSecond = null)
    {
        _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
        _picker = new FrameRowPicker(maxRowsPerSecond);
        _rows = new WindowRows(extractor.FeatureLength);
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
        _rows.EvictBefore(window.StartMicros);
        foreach (VideoFrame frame in window.Video)   // in time order
        {
            if (!_picker.Take(frame.StartMicros))
                continue;
            _rows.Add(_extractor.Extract(frame), frame.StartMicros);
            _picker.RowMade(frame.StartMicros);
        }
        _rows.Pack(window.StartMicros, window.EndMicros, sequence[..(timeSteps * Dimensions)], mask[..timeSteps]);
    }
}
