using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Alerts.Events;

/// <summary>Maps pipeline-clock microseconds (<see cref="IClock"/>) to UTC wall time and back, from one pair taken once.</summary>
/// <remarks>
/// The data path never reads the wall clock; events need UTC. One (clock, UTC) pair captured at start-up is enough:
/// the monotonic clock does not drift from wall time by much over a run, and a fixed mapping keeps event times
/// consistent with each other. Immutable.
/// </remarks>
/// <param name="ClockMicros">A reading of the pipeline clock.</param>
/// <param name="Utc">The UTC time at that reading.</param>
public readonly record struct ClockUtcMapping(long ClockMicros, DateTimeOffset Utc)
{
    /// <summary>Reads <paramref name="clock"/> and <paramref name="time"/> (default: the system's) together.</summary>
    public static ClockUtcMapping Capture(IClock clock, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new ClockUtcMapping(clock.NowMicros, (time ?? TimeProvider.System).GetUtcNow());
    }

    /// <summary>The UTC time of clock reading <paramref name="micros"/>.</summary>
    public DateTimeOffset ToUtc(long micros) => Utc.ToUniversalTime() + Micros.ToTimeSpan(micros - ClockMicros);

    /// <summary>The clock reading at UTC time <paramref name="utc"/> (may be before the clock's origin, i.e. negative).</summary>
    public long ToMicros(DateTimeOffset utc) => ClockMicros + Micros.From(utc - Utc);
}
