namespace MultimodalFusion.Capture.Text;

/// <summary>One stretch of speech cut by <see cref="UtteranceSegmenter"/>: its 16 kHz mono samples and where they lie on the clock.</summary>
/// <param name="Samples">The samples (a fresh array the receiver owns), including pre-roll and hangover.</param>
/// <param name="StartMicros">Clock time of the first sample.</param>
/// <param name="EndMicros">Clock time just after the last sample (exclusive).</param>
/// <param name="SpeechMicros">How much of it was above the threshold.</param>
public sealed record Utterance(float[] Samples, long StartMicros, long EndMicros, long SpeechMicros);
