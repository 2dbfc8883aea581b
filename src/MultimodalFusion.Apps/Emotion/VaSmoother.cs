namespace MultimodalFusion.Apps.Emotion;

/// <summary>Exponential smoothing of valence and arousal over windows that may arrive at uneven hops.</summary>
/// <remarks>
/// Each update blends with weight <c>alpha = 1 - exp(-dt / TimeConstant)</c>, where <c>dt</c> is the time since the
/// previous update's timestamp, so a late window moves the state further than an early one and the result does
/// not depend on the hop size. After a gap longer than <see cref="GapLimit"/>, or when time goes backwards (a
/// restarted stream), the state restarts at the new value. Not thread-safe: one smoother per stream.
/// </remarks>
public sealed class VaSmoother
{
    private bool _hasState;
    private long _lastMicros;
    private double _valence;
    private double _arousal;

    /// <summary>Creates a smoother.</summary>
    /// <param name="timeConstant">Time for the state to cover 63% of a step change; zero disables smoothing.</param>
    /// <param name="gapLimit">Longest time between updates that still continues the state.</param>
    public VaSmoother(TimeSpan timeConstant, TimeSpan gapLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeConstant, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(gapLimit, TimeSpan.Zero);
        TimeConstant = timeConstant;
        GapLimit = gapLimit;
    }

    /// <summary>Smoothing time constant.</summary>
    public TimeSpan TimeConstant { get; }

    /// <summary>A pause longer than this resets the state.</summary>
    public TimeSpan GapLimit { get; }

    /// <summary>Number of times the state restarted (first update included).</summary>
    public int Resets { get; private set; }

    /// <summary>Adds a sample taken at <paramref name="micros"/> and returns the smoothed valence and arousal.</summary>
    /// <param name="micros">Sample time (the window end), microseconds on the data-path clock.</param>
    /// <param name="valence">Raw valence.</param>
    /// <param name="arousal">Raw arousal.</param>
    public (float Valence, float Arousal) Update(long micros, float valence, float arousal)
    {
        long dt = micros - _lastMicros;
        if (!_hasState || dt <= 0 || dt > (long)GapLimit.TotalMicroseconds)
        {
            _valence = valence;
            _arousal = arousal;
            _hasState = true;
            Resets++;
        }
        else
        {
            double tau = TimeConstant.TotalMicroseconds;
            double alpha = tau <= 0 ? 1.0 : 1.0 - Math.Exp(-dt / tau);
            _valence += alpha * (valence - _valence);
            _arousal += alpha * (arousal - _arousal);
        }
        _lastMicros = micros;
        return ((float)_valence, (float)_arousal);
    }

    /// <summary>Forgets the state; the next update starts afresh.</summary>
    public void Reset() => _hasState = false;
}
