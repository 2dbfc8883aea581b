using System.Diagnostics;

namespace MultimodalFusion.Core.Time;

/// <summary><see cref="IClock"/> over <see cref="Stopwatch.GetTimestamp"/>.</summary>
public sealed class MonotonicClock : IClock
{
    /// <summary>The process-wide instance.</summary>
    public static MonotonicClock Instance { get; } = new();

    private static readonly double s_microsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    private MonotonicClock() { }

    /// <inheritdoc />
    public long NowMicros => (long)(Stopwatch.GetTimestamp() * s_microsPerTick);
}
