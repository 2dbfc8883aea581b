namespace MultimodalFusion.Features.Audio;

/// <summary>
/// Parameters of <see cref="LogMelSpectrogram"/>, named as torchaudio's <c>MelSpectrogram</c> names them. The defaults
/// here are a 16 kHz, 128-bin, 25 ms / 10 ms frontend with n_fft 512.
/// </summary>
/// <remarks>
/// The fixed parts match torchaudio's defaults, so a trainer reproduces the features with
/// <c>MelSpectrogram(sample_rate, n_fft, win_length, hop_length, n_mels=128)</c> followed by <c>log(x + 1e-6)</c>:
/// HTK mel scale (<c>2595 log10(1 + f / 700)</c>), no filter normalisation, power 2, periodic Hann window centred in
/// n_fft, center=True with reflect padding of n_fft / 2, f_min 0, f_max = rate / 2.
/// </remarks>
public sealed record LogMelOptions
{
    /// <summary>Input sample rate in Hz (mono float samples).</summary>
    public int SampleRateHz { get; init; } = 16_000;

    /// <summary>Number of mel bins.</summary>
    public int MelBins { get; init; } = 128;

    /// <summary>FFT size in samples; a power of two (radix-2 FFT).</summary>
    public int FftSize { get; init; } = 512;

    /// <summary>Analysis window length in samples (≤ <see cref="FftSize"/>; torchaudio's win_length).</summary>
    public int WindowLength { get; init; } = 400;

    /// <summary>Hop between frames in samples (torchaudio's hop_length).</summary>
    public int HopLength { get; init; } = 160;

    /// <summary>Lowest filter edge in Hz.</summary>
    public double MinFrequencyHz { get; init; }

    /// <summary>Highest filter edge in Hz; null for half the sample rate.</summary>
    public double? MaxFrequencyHz { get; init; }

    /// <summary>Added to each mel energy before the natural log, so silence stays finite.</summary>
    public double LogOffset { get; init; } = 1e-6;

    /// <summary>Options from durations (e.g. a manifest's 25 ms window and 10 ms hop), rounded to whole samples.</summary>
    public static LogMelOptions FromDurations(int sampleRateHz, int melBins, TimeSpan window, TimeSpan hop, int fftSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        return new LogMelOptions
        {
            SampleRateHz = sampleRateHz,
            MelBins = melBins,
            FftSize = fftSize,
            WindowLength = (int)Math.Round(window.TotalSeconds * sampleRateHz),
            HopLength = (int)Math.Round(hop.TotalSeconds * sampleRateHz),
        };
    }

    /// <summary>Throws with a message naming the offending parameter when the options cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SampleRateHz, nameof(SampleRateHz));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MelBins, nameof(MelBins));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HopLength, nameof(HopLength));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(WindowLength, nameof(WindowLength));
        if (FftSize < 2 || (FftSize & (FftSize - 1)) != 0)
            throw new ArgumentException($"FftSize {FftSize} is not a power of two ≥ 2.", nameof(FftSize));
        if (WindowLength > FftSize)
            throw new ArgumentException($"WindowLength {WindowLength} exceeds FftSize {FftSize}.", nameof(WindowLength));
        double max = MaxFrequencyHz ?? SampleRateHz / 2.0;
        if (MinFrequencyHz < 0 || max <= MinFrequencyHz || max > SampleRateHz / 2.0)
            throw new ArgumentException($"Mel range [{MinFrequencyHz}, {max}] Hz must lie in [0, {SampleRateHz / 2.0}] and be non-empty.", nameof(MaxFrequencyHz));
        if (LogOffset <= 0)
            throw new ArgumentException($"LogOffset {LogOffset} must be positive.", nameof(LogOffset));
    }
}
