namespace MultimodalFusion.Capture.Text;

/// <summary>An offline speech-to-text engine that decodes one utterance at a time.</summary>
/// <remarks>
/// Input is 16 kHz mono float PCM in [-1, 1] (<see cref="Audio.AudioFormat"/>), one utterance as cut by
/// a VAD. Implementations serialise calls internally (decoders are not thread-safe); dispose once.
/// </remarks>
public interface ISpeechRecognizer : IDisposable
{
    /// <summary>Engine name for logs and stream ids, e.g. "pocketsphinx".</summary>
    string Name { get; }

    /// <summary>Decodes <paramref name="samples"/> (16 kHz mono) and returns the text and a confidence in [0, 1].</summary>
    /// <remarks>Silence or noise gives an empty text. <paramref name="samples"/> is read before the task completes and not kept.</remarks>
    Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken = default);
}
