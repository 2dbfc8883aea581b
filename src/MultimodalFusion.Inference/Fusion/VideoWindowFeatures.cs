using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>Video slots of a fusion window: slot i holds the image features of the last frame whose time falls in the slot.</summary>
/// <remarks>Slots without a frame stay absent (mask false). The extractor is not owned; one instance per stream.</remarks>
public sealed class VideoWindowFeatures : IWindowFeatures
{
    private readonly ImageExtractor _extractor;

    /// <summary>Fills <paramref name="sequenceInput"/>/<paramref name="maskInput"/> with <paramref name="extractor"/>'s features.</summary>
    public VideoWindowFeatures(ImageExtractor extractor, string sequenceInput, string maskInput)
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
            VideoFrame? last = null;
            foreach (VideoFrame frame in window.Video)   // in time order
            {
                if (frame.StartMicros >= slotEnd)
                    break;
                if (frame.StartMicros >= slotStart)
                    last = frame;
            }
            if (last is null)
                continue;
            _extractor.Extract(last).CopyTo(sequence.Slice(i * d, d));
            mask[i] = true;
        }
    }
}
