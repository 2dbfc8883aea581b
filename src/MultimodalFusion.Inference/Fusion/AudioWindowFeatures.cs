using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Stages;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// Audio rows of a fusion window, made as the feature cache makes them (<see cref="AudioRowCutter"/>: the audio
/// model's own window, e.g. 1 s, every hop, e.g. 0.5 s, from the stream's first sample, stamped at the window's centre)
/// and packed as the trainer packs them: the rows stamped inside the window, contiguous from step 0.
/// </summary>
/// <remarks>
/// The stream is cut continuously across fusion windows: each window hands over its chunks, the samples not cut yet are
/// consumed, and each row is encoded once and kept until a window starts after its stamp. A row needs its whole span,
/// so the first row of a window uses audio from before the window's start, as in the cache. Only the window's first
/// audio stream is used. Audio at a rate other than the encoder's throws, naming the stream (resample at capture). The
/// encoder is not owned; one instance per stream, not thread-safe.
/// </remarks>
public sealed class AudioWindowFeatures : IWindowFeatures
{
    private readonly AudioRowCutter _cutter;
    private readonly WindowRows _rows;
    private readonly AudioRowCutter.RowHandler _onRow;
    private string? _streamId;

    /// <summary>Fills <paramref name="sequenceInput"/>/<paramref name="maskInput"/> with rows of <paramref name="encoder"/> every <paramref name="hop"/>.</summary>
    public AudioWindowFeatures(AudioEncoder encoder, TimeSpan hop, string sequenceInput, string maskInput)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        _cutter = new AudioRowCutter(encoder, hop);
        _rows = new WindowRows(encoder.FeatureLength);
        _onRow = (features, stamp) => _rows.Add(features, stamp);
        Hop = hop;
        SequenceInput = sequenceInput;
        MaskInput = maskInput;
    }

    /// <inheritdoc />
    public string SequenceInput { get; }

    /// <inheritdoc />
    public string MaskInput { get; }

    /// <inheritdoc />
    public int Dimensions => _rows.Dimensions;

    /// <summary>Time between row starts (one row per hop).</summary>
    public TimeSpan Hop { get; }

    /// <summary>Rows encoded so far.</summary>
    public long Rows => _cutter.Rows;

    /// <summary>Partial rows discarded because audio samples were missing.</summary>
    public long Gaps => _cutter.Gaps;

    /// <summary>Steps that hold every row a window of <paramref name="window"/> can have, with one to spare.</summary>
    public int StepsFor(TimeSpan window) => (int)Math.Ceiling(window / Hop) + 1;

    /// <inheritdoc />
    public void Fill(AlignedWindow window, int timeSteps, Span<float> sequence, Span<bool> mask)
    {
        _rows.EvictBefore(window.StartMicros);
        foreach (AudioChunk chunk in window.Audio)   // in arrival order: ascending sample indices per stream
        {
            _streamId ??= chunk.StreamId;
            if (chunk.StreamId == _streamId)
                _cutter.Add(chunk, _onRow);
        }
        _rows.Pack(window.StartMicros, window.EndMicros, sequence[..(timeSteps * Dimensions)], mask[..timeSteps]);
    }
}
