using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>
/// Face rows of a fusion window, made as the feature cache makes them (one image-feature row per frame in which a face
/// was found, stamped at the frame's time; a frame without a face gives no row) and packed as the trainer packs them:
/// the rows stamped inside the window, contiguous from step 0 (<see cref="WindowRows"/>).
/// </summary>
/// <remarks>
/// <para>Overlapping windows share frames, so each frame is detected and extracted once (<see cref="FrameRowPicker"/>)
/// and its row kept until a window starts after it: with a 2 s window every 0.5 s a frame costs one detection, not four.
/// With a row rate, a faster camera is thinned to the rate the fusion model was trained on: per interval of
/// <c>1 / rate</c>, the first frame in which a face is found.</para>
/// <para>Training used the dataset's cropped-aligned faces (the synthetic generator: a square of 1.25 head heights
/// centred on the head); here the Haar detector's square crop with the image model's margin stands in for them. The
/// extractor and cropper are not owned; one instance per stream, not thread-safe. With no cropper the whole frame is
/// used.</para>
/// </remarks>
public sealed class FaceWindowFeatures : IWindowFeatures
{
    private readonly ImageExtractor _extractor;
    private readonly FaceCropper? _faces;
    private readonly FrameRowPicker _picker;
    private readonly WindowRows _rows;

    /// <summary>
    /// Fills <paramref name="sequenceInput"/>/<paramref name="maskInput"/> with <paramref name="extractor"/>'s features of
    /// <paramref name="faces"/>' crops, at most <paramref name="maxRowsPerSecond"/> rows per second (null: every frame).
    /// </summary>
    public FaceWindowFeatures(ImageExtractor extractor, FaceCropper? faces, string sequenceInput, string maskInput, double? maxRowsPerSecond = null)
    {
        _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
        _faces = faces;
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

    /// <summary>Frames looked at so far (each once).</summary>
    public long FramesExamined { get; private set; }

    /// <summary>Frames in which no face was found.</summary>
    public long FramesWithoutFace { get; private set; }

    /// <summary>Rows that did not fit a window's steps.</summary>
    public long Truncated => _rows.Truncated;

    /// <inheritdoc />
    public void Fill(AlignedWindow window, int timeSteps, Span<float> sequence, Span<bool> mask)
    {
        _rows.EvictBefore(window.StartMicros);
        foreach (VideoFrame frame in window.Video)   // in time order
        {
            if (!_picker.Take(frame.StartMicros))
                continue;
            FramesExamined++;
            if (_faces is null)
                _rows.Add(_extractor.Extract(frame), frame.StartMicros);
            else if (_faces.Crop(frame) is { } crop)
                _rows.Add(_extractor.Extract(frame, crop), frame.StartMicros);
            else
            {
                FramesWithoutFace++;
                continue;
            }
            _picker.RowMade(frame.StartMicros);
        }
        _rows.Pack(window.StartMicros, window.EndMicros, sequence[..(timeSteps * Dimensions)], mask[..timeSteps]);
    }
}
