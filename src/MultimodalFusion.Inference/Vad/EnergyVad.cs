namespace MultimodalFusion.Inference.Vad;

/// <summary>The fallback when no Silero model is installed: frame RMS level in dBFS through a logistic around a threshold.</summary>
/// <remarks>Stateless apart from its settings; it cannot tell speech from other loud sound, which is why Silero is preferred.</remarks>
public sealed class EnergyVad : IVoiceActivityDetector
{
    /// <summary>Creates the detector; <paramref name="thresholdDbfs"/> is the level that maps to probability 0.5.</summary>
    public EnergyVad(int sampleRateHz = 16_000, int frameSamples = 512, double thresholdDbfs = -40, double slopePerDb = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSamples);
        SampleRateHz = sampleRateHz;
        FrameSamples = frameSamples;
        ThresholdDbfs = thresholdDbfs;
        SlopePerDb = slopePerDb;
    }

    /// <inheritdoc />
    public int SampleRateHz { get; }

    /// <inheritdoc />
    public int FrameSamples { get; }

    /// <summary>RMS level (dB relative to full scale) that maps to 0.5.</summary>
    public double ThresholdDbfs { get; }

    /// <summary>Logistic steepness per dB.</summary>
    public double SlopePerDb { get; }

    /// <inheritdoc />
    public float Process(ReadOnlySpan<float> frame)
    {
        if (frame.Length != FrameSamples)
            throw new ArgumentException($"EnergyVad takes frames of {FrameSamples} samples; got {frame.Length}.", nameof(frame));
        double sum = 0;
        foreach (float s in frame)
            sum += s * s;
        double rms = Math.Sqrt(sum / frame.Length);
        double dbfs = 20 * Math.Log10(Math.Max(rms, 1e-10));
        return (float)(1 / (1 + Math.Exp(-SlopePerDb * (dbfs - ThresholdDbfs))));
    }

    /// <inheritdoc />
    public void Reset()
    {
    }
}
