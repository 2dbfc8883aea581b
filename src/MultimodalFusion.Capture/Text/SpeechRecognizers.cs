using Microsoft.Extensions.Logging;

namespace MultimodalFusion.Capture.Text;

/// <summary>Creates a recognizer from a source spec such as <c>asr:pocketsphinx</c> or <c>asr:whisper:MODEL.bin</c>.</summary>
public static class SpeechRecognizers
{
    /// <summary>
    /// The engine named by <paramref name="engine"/> ("pocketsphinx", "whisper:PATH", or "auto" / empty:
    /// pocketsphinx). Throws <see cref="SpeechRecognizerException"/> saying what is missing and how to fix it,
    /// listing both engines when the requested one cannot run.
    /// </summary>
    public static ISpeechRecognizer Create(string? engine, ILogger? logger = null)
    {
        string spec = (engine ?? string.Empty).Trim();
        if (spec.StartsWith("asr:", StringComparison.OrdinalIgnoreCase))
            spec = spec[4..];
        if (spec.StartsWith("whisper", StringComparison.OrdinalIgnoreCase))
        {
            string model = spec.Length > "whisper".Length && spec["whisper".Length] == ':' ? spec[("whisper".Length + 1)..] : string.Empty;
            if (model.Length == 0)
                throw new SpeechRecognizerException("whisper", "needs a ggml model path: asr:whisper:/path/ggml-base.en.bin (none can be downloaded by the program); or use asr:pocketsphinx.");
            return new WhisperRecognizer(model, logger: logger);
        }
        if (spec.Length == 0 || spec.Equals("auto", StringComparison.OrdinalIgnoreCase) || spec.Equals("pocketsphinx", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new PocketSphinxRecognizer(logger: logger);
            }
            catch (SpeechRecognizerException e)
            {
                throw new SpeechRecognizerException("pocketsphinx",
                    $"no speech recognizer is available: {e.Message} Alternatively pass a Whisper ggml model with asr:whisper:PATH.", e);
            }
        }
        throw new SpeechRecognizerException(spec, "unknown engine; use asr:pocketsphinx or asr:whisper:MODEL.bin.");
    }

    /// <summary>
    /// Null when <paramref name="engine"/> can run here, else what is missing and how to fix it (for
    /// <c>mmf doctor</c>). Loads and frees the engine once.
    /// </summary>
    public static string? DescribeProblem(string? engine)
    {
        try
        {
            Create(engine).Dispose();
            return null;
        }
        catch (SpeechRecognizerException e)
        {
            return e.Message;
        }
    }
}
