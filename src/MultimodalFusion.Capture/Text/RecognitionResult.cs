namespace MultimodalFusion.Capture.Text;

/// <summary>What a speech recognizer heard in one utterance.</summary>
/// <param name="Text">The words, lower-case for pocketsphinx; empty when nothing was recognised.</param>
/// <param name="Confidence">0..1; the engine's posterior (pocketsphinx) or mean token probability (Whisper).</param>
public sealed record RecognitionResult(string Text, float Confidence)
{
    /// <summary>Nothing recognised.</summary>
    public static RecognitionResult Empty { get; } = new(string.Empty, 0f);
}
