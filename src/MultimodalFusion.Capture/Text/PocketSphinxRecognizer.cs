using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MultimodalFusion.Capture.Text;

/// <summary>Offline speech recognition with CMU pocketsphinx (Debian's libpocketsphinx3 + pocketsphinx-en-us) in-process.</summary>
/// <remarks>
/// One native decoder per instance, created in the constructor and freed by <see cref="Dispose"/>;
/// calls are serialised with a lock because the decoder is not thread-safe. Each call decodes one
/// whole utterance (ps_start_utt, ps_process_raw with full_utt, ps_end_utt, ps_get_hyp).
/// Open-vocabulary accuracy is modest; a JSGF grammar (<see cref="PocketSphinxOptions.JsgfPath"/>) fixes command words.
/// </remarks>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer
{
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private IntPtr _config;
    private IntPtr _decoder;

    /// <summary>Loads the model; throws <see cref="SpeechRecognizerException"/> naming the missing library or file.</summary>
    public PocketSphinxRecognizer(PocketSphinxOptions? options = null, ILogger? logger = null)
    {
        Options = options ?? new PocketSphinxOptions();
        _logger = logger ?? NullLogger.Instance;
        CheckFiles(Options);
        var args = Options.ToArguments();
        var argv = new IntPtr[args.Count];
        try
        {
            for (int i = 0; i < args.Count; i++)
                argv[i] = Marshal.StringToCoTaskMemUTF8(args[i]);
            _config = PocketSphinxNative.CmdLnParse(IntPtr.Zero, PocketSphinxNative.Args(), argv.Length, argv, 1);
            if (_config == IntPtr.Zero)
                throw new SpeechRecognizerException(Name, $"pocketsphinx rejected its arguments: {string.Join(' ', args)}");
            _decoder = PocketSphinxNative.Init(_config);
            if (_decoder == IntPtr.Zero)
                throw new SpeechRecognizerException(Name, $"pocketsphinx could not load the model (hmm '{Options.AcousticModelDir}', dict '{Options.DictionaryPath}').");
            // The decoder holds its own reference to the configuration; drop ours.
            PocketSphinxNative.CmdLnFree(_config);
            _config = IntPtr.Zero;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new SpeechRecognizerException(Name, "libpocketsphinx.so.3 / libsphinxbase.so.3 are not installed (apt-get install pocketsphinx pocketsphinx-en-us).", e);
        }
        catch
        {
            Dispose();
            throw;
        }
        finally
        {
            foreach (IntPtr p in argv)
                Marshal.FreeCoTaskMem(p);
        }
        _logger.LogInformation("pocketsphinx ready: {Arguments}", string.Join(' ', args));
    }

    /// <summary>The settings this decoder was built with.</summary>
    public PocketSphinxOptions Options { get; }

    /// <inheritdoc />
    public string Name => "pocketsphinx";

    /// <inheritdoc />
    public Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Recognize(samples.Span));
    }

    /// <summary>Decodes one utterance synchronously (16 kHz mono).</summary>
    public unsafe RecognitionResult Recognize(ReadOnlySpan<float> samples)
    {
        var pcm = new short[samples.Length];
        for (int i = 0; i < samples.Length; i++)
            pcm[i] = (short)Math.Clamp(MathF.Round(samples[i] * 32767f), short.MinValue, short.MaxValue);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_decoder == IntPtr.Zero, this);
            if (PocketSphinxNative.StartUtt(_decoder) < 0)
                throw new InvalidOperationException("pocketsphinx: ps_start_utt failed.");
            fixed (short* p = pcm)
                PocketSphinxNative.ProcessRaw(_decoder, p, (nuint)pcm.Length, 0, 1);
            PocketSphinxNative.EndUtt(_decoder);
            IntPtr hyp = PocketSphinxNative.GetHyp(_decoder, out _);
            string text = hyp == IntPtr.Zero ? string.Empty : (Marshal.PtrToStringUTF8(hyp) ?? string.Empty).Trim();
            if (text.Length == 0)
                return RecognitionResult.Empty;
            double posterior = PocketSphinxNative.LogMathExp(PocketSphinxNative.GetLogMath(_decoder), PocketSphinxNative.GetProb(_decoder));
            return new RecognitionResult(text, (float)Math.Clamp(posterior, 0, 1));
        }
    }

    /// <summary>Frees the native decoder and configuration.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_decoder != IntPtr.Zero)
                PocketSphinxNative.Free(_decoder);
            if (_config != IntPtr.Zero)
                PocketSphinxNative.CmdLnFree(_config);
            _decoder = IntPtr.Zero;
            _config = IntPtr.Zero;
        }
    }

    private static void CheckFiles(PocketSphinxOptions o)
    {
        // sphinxbase aborts the whole process on some missing files (E_FATAL), so check first.
        if (!Directory.Exists(o.AcousticModelDir))
            throw new SpeechRecognizerException("pocketsphinx", $"acoustic model folder '{o.AcousticModelDir}' not found (apt-get install pocketsphinx-en-us).");
        if (!File.Exists(o.DictionaryPath))
            throw new SpeechRecognizerException("pocketsphinx", $"dictionary '{o.DictionaryPath}' not found (apt-get install pocketsphinx-en-us).");
        string? model = o.JsgfPath ?? (o.KeyPhrase is null ? o.LanguageModelPath : null);
        if (model is not null && !File.Exists(model))
            throw new SpeechRecognizerException("pocketsphinx", $"{(o.JsgfPath is null ? "language model" : "grammar")} '{model}' not found.");
    }
}
