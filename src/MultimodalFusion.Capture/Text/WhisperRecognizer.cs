using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Whisper.net;

namespace MultimodalFusion.Capture.Text;

/// <summary>Speech recognition with Whisper.net (whisper.cpp) over a ggml model file the user supplies.</summary>
/// <remarks>
/// The factory (model weights) and one processor are created in the constructor and disposed by
/// <see cref="Dispose"/>; calls are serialised because a processor runs one decode at a time. The
/// model file is checked before it reaches native code: a missing file or one without the ggml magic
/// throws <see cref="SpeechRecognizerException"/> naming it. No model ships with the project.
/// </remarks>
public sealed class WhisperRecognizer : ISpeechRecognizer
{
    /// <summary>The first four bytes of a whisper.cpp ggml model, read as a little-endian uint32 ("ggml").</summary>
    public const uint GgmlMagic = 0x67676d6c;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly WhisperFactory _factory;
    private readonly WhisperProcessor _processor;
    private int _disposed;

    /// <summary>Loads <paramref name="modelPath"/>; <paramref name="language"/> is an ISO code or "auto".</summary>
    public WhisperRecognizer(string modelPath, string language = "en", ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ModelPath = modelPath;
        CheckModelFile(modelPath);
        try
        {
            _factory = WhisperFactory.FromPath(modelPath);
            _processor = _factory.CreateBuilder().WithLanguage(language).WithProbabilities().Build();
        }
        catch (Exception e) when (e is not SpeechRecognizerException)
        {
            throw new SpeechRecognizerException(Name, $"Whisper.net could not load '{modelPath}': {e.Message}", e);
        }
        (logger ?? NullLogger.Instance).LogInformation("whisper ready: {Model} ({Language})", modelPath, language);
    }

    /// <summary>The ggml model file.</summary>
    public string ModelPath { get; }

    /// <inheritdoc />
    public string Name => "whisper";

    /// <inheritdoc />
    public async Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var text = new StringBuilder();
            double probability = 0;
            int segments = 0;
            await foreach (var segment in _processor.ProcessAsync(samples, cancellationToken).ConfigureAwait(false))
            {
                text.Append(segment.Text);
                probability += segment.Probability;
                segments++;
            }
            string said = text.ToString().Trim();
            return said.Length == 0 ? RecognitionResult.Empty : new RecognitionResult(said, (float)Math.Clamp(probability / segments, 0, 1));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Checks that <paramref name="modelPath"/> exists and starts with the ggml magic.</summary>
    public static void CheckModelFile(string modelPath)
    {
        if (!File.Exists(modelPath))
            throw new SpeechRecognizerException("whisper", $"model file '{modelPath}' not found; download a ggml model (e.g. ggml-base.en.bin) and pass its path (asr:whisper:PATH).");
        Span<byte> head = stackalloc byte[4];
        using (var stream = File.OpenRead(modelPath))
        {
            if (stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 || BitConverter.ToUInt32(head) != GgmlMagic)
                throw new SpeechRecognizerException("whisper", $"'{modelPath}' is not a ggml Whisper model (no 'ggml' magic in its first bytes).");
        }
    }

    /// <summary>Frees the processor and the model.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _processor.Dispose();
        _factory.Dispose();
        _gate.Dispose();
    }
}
