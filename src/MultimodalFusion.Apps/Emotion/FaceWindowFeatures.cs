using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>
/// Face slots of a fusion window: slot i holds the image features of the face crop of the latest frame in the slot in
/// which a face was found; a slot without a face (or without a frame) stays absent, as in training, where a frame
/// without a face has no row.
/// </summary>
/// <remarks>
/// Overlapping windows share frames, so each frame's outcome (features, or no face) is computed once and kept until a
/// window starts after it: with a 2 s window every 0.5 s a frame is detected and extracted once, not four times.
/// Frames are keyed by their timestamp (one video stream per instance). The extractor and cropper are not owned; one
/// instance per stream, not thread-safe. With no cropper the whole frame is used.
/// </remarks>
public sealed class FaceWindowFeatures : IWindowFeatures
{
    private readonly ImageExtractor _extractor;
    private readonly FaceCropper? _faces;
    private readonly Dictionary<long, float[]?> _byFrame = [];   // frame StartMicros -> features (owned copy) or null: no face
    private readonly Stack<float[]> _free = new();                // evicted feature rows, reused
    private readonly List<long> _evict = [];

    /// <summary>Fills <paramref name="sequenceInput"/>/<paramref name="maskInput"/> with <paramref name="extractor"/>'s features of <paramref name="faces"/>' crops.</summary>
    public FaceWindowFeatures(ImageExtractor extractor, FaceCropper? faces, string sequenceInput, string maskInput)
    {
        _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
        _faces = faces;
        SequenceInput = sequenceInput;
        MaskInput = maskInput;
    }

    /// <inheritdoc />
    public string SequenceInput { get; }

    /// <inheritdoc />
    public string MaskInput { get; }

    /// <inheritdoc />
    public int Dimensions => _extractor.FeatureLength;

    /// <summary>Frames looked at so far (each once).</summary>
    public long FramesExamined { get; private set; }

    /// <summary>Frames in which no face was found.</summary>
    public long FramesWithoutFace { get; private set; }

    /// <inheritdoc />
    public void Fill(AlignedWindow window, int timeSteps, Span<float> sequence, Span<bool> mask)
    {
        Evict(window.StartMicros);
        int d = Dimensions;
        IReadOnlyList<VideoFrame> frames = window.Video;   // in time order
        int next = frames.Count - 1;
        for (int i = timeSteps - 1; i >= 0; i--)
        {
            var (slotStart, slotEnd) = WindowSlots.Bounds(window, i, timeSteps);
            while (next >= 0 && frames[next].StartMicros >= slotEnd)
                next--;
            for (int k = next; k >= 0 && frames[k].StartMicros >= slotStart; k--)
            {
                if (FeaturesOf(frames[k]) is { } features)
                {
                    features.CopyTo(sequence.Slice(i * d, d));
                    mask[i] = true;
                    break;
                }
            }
        }
    }

    private float[]? FeaturesOf(VideoFrame frame)
    {
        if (_byFrame.TryGetValue(frame.StartMicros, out float[]? known))
            return known;
        FramesExamined++;
        float[]? row = null;
        if (_faces is null)
            row = Copy(_extractor.Extract(frame));
        else if (_faces.Crop(frame) is { } crop)
            row = Copy(_extractor.Extract(frame, crop));
        else
            FramesWithoutFace++;
        _byFrame[frame.StartMicros] = row;
        return row;
    }

    private float[] Copy(ReadOnlySpan<float> features)
    {
        float[] row = _free.Count > 0 ? _free.Pop() : new float[Dimensions];
        features.CopyTo(row);
        return row;
    }

    // Windows arrive in start order, so a frame before this window's start is never asked for again.
    private void Evict(long windowStart)
    {
        _evict.Clear();
        foreach (var (start, row) in _byFrame)
        {
            if (start >= windowStart)
                continue;
            _evict.Add(start);
            if (row is not null)
                _free.Push(row);
        }
        foreach (long start in _evict)
            _byFrame.Remove(start);
    }
}
