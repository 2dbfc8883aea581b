namespace MultimodalFusion.Core.Time;

/// <summary>Conversions between <see cref="TimeSpan"/>, seconds, sample counts and int64 microseconds.</summary>
public static class Micros
{
    /// <summary>Microseconds in one second.</summary>
    public const long PerSecond = 1_000_000;

    /// <summary>Whole microseconds in <paramref name="span"/> (TimeSpan ticks are 100 ns).</summary>
    public static long From(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>The TimeSpan of <paramref name="micros"/> microseconds.</summary>
    public static TimeSpan ToTimeSpan(long micros) => TimeSpan.FromTicks(micros * TimeSpan.TicksPerMicrosecond);

    /// <summary>Microseconds from seconds, rounded to the nearest microsecond.</summary>
    public static long FromSeconds(double seconds) => (long)Math.Round(seconds * PerSecond);

    /// <summary>Seconds of <paramref name="micros"/>.</summary>
    public static double ToSeconds(long micros) => micros / (double)PerSecond;

    /// <summary>
    /// The time of sample <paramref name="sampleIndex"/> of a stream at <paramref name="sampleRateHz"/>,
    /// counted exactly from the sample count (no accumulated rounding), relative to sample 0.
    /// </summary>
    public static long FromSamples(long sampleIndex, int sampleRateHz) =>
        (long)((Int128)sampleIndex * PerSecond / sampleRateHz);
}
