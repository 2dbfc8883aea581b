using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Text;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// Text rows of a fusion window, made as the feature cache makes them (<see cref="TranscriptRows"/>: one MiniLM row per
/// final utterance, stamped at its start) and packed as the trainer packs them: the rows stamped inside the window,
/// contiguous from step 0. An utterance that started before the window gives it no row, as in training.
/// </summary>
/// <remarks>
/// Overlapping windows share utterances, so each row is encoded once and kept until a window starts after its stamp
/// (re-encoded only if its text changed). The encoder is not owned; one instance per stream, not thread-safe.
/// Encoding tokenizes, so a window with new text allocates.
/// </remarks>
public sealed class TextWindowFeatures : IWindowFeatures
{
    /// <summary>Utterances a window is expected to hold at most per second (generous: a sentence takes about a second or more).</summary>
    public const double MaxRowsPerSecond = 4;

    private readonly MiniLmTextEncoder _encoder;
    private readonly Dictionary<long, (string Text, float[] Row)> _encoded = [];   // stamp -> encoding, owned
    private readonly List<(long StartMicros, string Text, bool IsFinal)> _utterances = [];
    private readonly List<long> _evict = [];

    /// <summary>Fills <paramref name="sequenceInput"/>/<paramref name="maskInput"/> with <paramref name="encoder"/>'s 384-d embeddings.</summary>
    public TextWindowFeatures(MiniLmTextEncoder encoder, string sequenceInput, string maskInput)
    {
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        SequenceInput = sequenceInput;
        MaskInput = maskInput;
    }

    /// <inheritdoc />
    public string SequenceInput { get; }

    /// <inheritdoc />
    public string MaskInput { get; }

    /// <inheritdoc />
    public int Dimensions => MiniLmTextEncoder.Dimensions;

    /// <summary>Texts encoded so far.</summary>
    public long Encoded { get; private set; }

    /// <summary>Steps that hold every row a window of <paramref name="window"/> is expected to have, with one to spare.</summary>
    public static int StepsFor(TimeSpan window) => (int)Math.Ceiling(window.TotalSeconds * MaxRowsPerSecond) + 1;

    /// <inheritdoc />
    public void Fill(AlignedWindow window, int timeSteps, Span<float> sequence, Span<bool> mask)
    {
        Evict(window.StartMicros);
        _utterances.Clear();
        foreach (TranscriptSegment segment in window.Text)
        {
            if (segment.StartMicros >= window.StartMicros && segment.StartMicros < window.EndMicros)
                _utterances.Add((segment.StartMicros, segment.Text, segment.IsFinal));
        }
        int d = Dimensions, step = 0;
        foreach (var (stamp, text) in TranscriptRows.Of(_utterances))
        {
            if (step == timeSteps)
                break;
            if (!_encoded.TryGetValue(stamp, out var known) || known.Text != text)
            {
                float[] row = known.Row ?? new float[d];
                _encoder.Encode(text, row);
                Encoded++;
                _encoded[stamp] = known = (text, row);
            }
            known.Row.CopyTo(sequence.Slice(step * d, d));
            mask[step++] = true;
        }
    }

    private void Evict(long windowStart)
    {
        _evict.Clear();
        foreach (long stamp in _encoded.Keys)
        {
            if (stamp < windowStart)
                _evict.Add(stamp);
        }
        foreach (long stamp in _evict)
            _encoded.Remove(stamp);
    }
}
