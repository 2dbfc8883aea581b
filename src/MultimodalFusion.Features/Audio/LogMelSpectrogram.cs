namespace MultimodalFusion.Features.Audio;

/// <summary>
/// Log-mel spectrogram of mono float audio, equal to torchaudio's <c>log(MelSpectrogram(...)(x) + 1e-6)</c> with the
/// parameters of <see cref="LogMelOptions"/> (HTK mel scale; see there), laid out time-major: row t holds the
/// <see cref="LogMelOptions.MelBins"/> values of frame t (torchaudio returns the transpose, [mels, frames]).
/// </summary>
/// <remarks>
/// center=True: the signal is reflect-padded by n_fft / 2 on both sides, so a signal of L samples gives
/// <c>1 + L / hop</c> frames and frame t is centred on sample <c>t * hop</c>. Reflect padding needs L &gt; n_fft / 2.
/// All working buffers are allocated in the constructor; <see cref="Compute"/> allocates nothing. The arithmetic is
/// double precision, the output float. Holds per-call state: one instance per stream, not thread-safe.
/// </remarks>
public sealed class LogMelSpectrogram
{
    private readonly LogMelOptions _options;
    private readonly Radix2Fft _fft;
    private readonly MelFilterBank _filters;
    private readonly double[] _window;   // n_fft long: the periodic Hann window centred, zero outside win_length
    private readonly double[] _re;
    private readonly double[] _im;
    private readonly double[] _power;
    private readonly double[] _mel;

    /// <summary>A frontend with <paramref name="options"/> (validated here).</summary>
    public LogMelSpectrogram(LogMelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        int n = options.FftSize;
        _fft = new Radix2Fft(n);
        _filters = new MelFilterBank(options.SampleRateHz, n, options.MelBins, options.MinFrequencyHz, options.MaxFrequencyHz ?? options.SampleRateHz / 2.0);
        _window = new double[n];
        int offset = (n - options.WindowLength) / 2;   // torch.stft centres a shorter window inside n_fft
        for (int i = 0; i < options.WindowLength; i++)
            _window[offset + i] = 0.5 - 0.5 * Math.Cos(2.0 * Math.PI * i / options.WindowLength);   // periodic Hann
        _re = new double[n];
        _im = new double[n];
        _power = new double[n / 2 + 1];
        _mel = new double[options.MelBins];
    }

    /// <summary>The options this frontend was built with.</summary>
    public LogMelOptions Options => _options;

    /// <summary>Mel bins per frame.</summary>
    public int MelBins => _options.MelBins;

    /// <summary>The filter bank (for inspection and tests).</summary>
    public MelFilterBank Filters => _filters;

    /// <summary>Frames produced for <paramref name="sampleCount"/> samples: <c>1 + sampleCount / hop</c>.</summary>
    public int FrameCount(int sampleCount) => 1 + sampleCount / _options.HopLength;

    /// <summary>
    /// Writes the log-mel frames of <paramref name="samples"/> into <paramref name="destination"/> (row-major
    /// [<see cref="FrameCount"/>, <see cref="MelBins"/>]) and returns the frame count.
    /// </summary>
    public int Compute(ReadOnlySpan<float> samples, Span<float> destination)
    {
        int length = samples.Length;
        int n = _options.FftSize, pad = n / 2, bins = _options.MelBins;
        if (length <= pad)
            throw new ArgumentException($"Log-mel needs more than n_fft / 2 = {pad} samples for reflect padding; got {length}.", nameof(samples));
        int frames = FrameCount(length);
        if (destination.Length < frames * bins)
            throw new ArgumentException($"{length} samples give {frames} x {bins} log-mel values; the destination has room for {destination.Length}.", nameof(destination));
        for (int t = 0; t < frames; t++)
        {
            int start = t * _options.HopLength - pad;   // index of the frame's first sample in the unpadded signal
            for (int i = 0; i < n; i++)
            {
                double w = _window[i];
                _re[i] = w == 0 ? 0 : w * samples[Reflect(start + i, length)];
                _im[i] = 0;
            }
            _fft.Forward(_re, _im);
            for (int k = 0; k < _power.Length; k++)
                _power[k] = _re[k] * _re[k] + _im[k] * _im[k];
            _filters.Apply(_power, _mel);
            Span<float> row = destination.Slice(t * bins, bins);
            for (int m = 0; m < bins; m++)
                row[m] = (float)Math.Log(_mel[m] + _options.LogOffset);
        }
        return frames;
    }

    /// <summary>numpy/torch "reflect" padding: the edge sample is not repeated (-1 maps to 1, L maps to L - 2).</summary>
    private static int Reflect(int index, int length)
    {
        if (index < 0)
            index = -index;
        if (index >= length)
            index = 2 * (length - 1) - index;
        return index;
    }
}
