namespace MultimodalFusion.Capture.Text;

/// <summary>A speech recognizer cannot run: its native library or model is missing or unusable; the message says which and how to fix it.</summary>
public sealed class SpeechRecognizerException : Exception
{
    /// <summary>Creates the exception for engine <paramref name="engine"/>.</summary>
    public SpeechRecognizerException(string engine, string message, Exception? inner = null)
        : base($"asr:{engine}: {message}", inner) => Engine = engine;

    /// <summary>The engine that failed ("pocketsphinx", "whisper").</summary>
    public string Engine { get; }
}
