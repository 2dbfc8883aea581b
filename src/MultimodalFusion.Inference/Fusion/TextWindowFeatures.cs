using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Text;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Fusion;

/// <summary>
/// Text slots of a fusion window: slot i holds the MiniLM embedding of the final transcript segments that overlap the
/// slot, joined by spaces in arrival order; slots no final segment touches stay absent.
/// </summary>
/// <remarks>
/// Neighbouring slots covered by the same segments share one encoding (the text is encoded once and copied). The
/// encoder is not owned; one instance per stream. Encoding tokenizes, so this source allocates per window.
/// </remarks>
public sealed class TextWindowFeatures : IWindowFeatures
{
    private readonly MiniLmTextEncoder _encoder;
    private readonly List<TranscriptSegment> _slotSegments = [];

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

    /// <inheritdoc />
    public void Fill(AlignedWindow window, int timeSteps, Span<float> sequence, Span<bool> mask)
    {
        int d = Dimensions;
        string? previousText = null;
        int previousSlot = -1;
        for (int i = 0; i < timeSteps; i++)
        {
            var (slotStart, slotEnd) = WindowSlots.Bounds(window, i, timeSteps);
            _slotSegments.Clear();
            foreach (TranscriptSegment segment in window.Text)
            {
                // Overlap of [Start, End) with the slot; a zero-length segment counts at its instant.
                bool overlaps = segment.EndMicros > segment.StartMicros
                    ? segment.StartMicros < slotEnd && segment.EndMicros > slotStart
                    : segment.StartMicros >= slotStart && segment.StartMicros < slotEnd;
                if (segment.IsFinal && !string.IsNullOrWhiteSpace(segment.Text) && overlaps)
                    _slotSegments.Add(segment);
            }
            if (_slotSegments.Count == 0)
                continue;
            string text = string.Join(' ', _slotSegments.Select(s => s.Text.Trim()));
            Span<float> row = sequence.Slice(i * d, d);
            if (text == previousText)
                sequence.Slice(previousSlot * d, d).CopyTo(row);
            else
                _encoder.Encode(text, row);
            mask[i] = true;
            previousText = text;
            previousSlot = i;
        }
    }
}
