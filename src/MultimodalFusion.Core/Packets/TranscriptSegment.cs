namespace MultimodalFusion.Core.Packets;

/// <summary>Text that was said during <c>[StartMicros, EndMicros)</c> on the data-path clock.</summary>
/// <param name="StreamId">The transcript or ASR source that produced it.</param>
/// <param name="Sequence">Position in its stream.</param>
/// <param name="StartMicros">Start of the utterance on the data-path clock.</param>
/// <param name="EndMicros">End of the utterance (exclusive).</param>
/// <param name="Text">What was said.</param>
/// <param name="Confidence">0..1, or 1 for subtitles and human transcripts.</param>
/// <param name="IsFinal">False for a partial ASR hypothesis that a later segment with the same start may replace.</param>
public sealed record TranscriptSegment(
    string StreamId,
    long Sequence,
    long StartMicros,
    long EndMicros,
    string Text,
    float Confidence = 1f,
    bool IsFinal = true) : ITimedPacket
{
    /// <inheritdoc />
    public Modality Modality => Modality.Text;
}
