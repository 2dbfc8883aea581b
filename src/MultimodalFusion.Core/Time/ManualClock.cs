namespace MultimodalFusion.Core.Time;

/// <summary>A clock that moves only when told to; for tests of alignment and deadlines.</summary>
/// <remarks>Thread-safe. Setting it backwards throws: the data-path clock is monotonic.</remarks>
public sealed class ManualClock(long startMicros = 0) : IClock
{
    private long _now = startMicros;

    /// <inheritdoc />
    public long NowMicros => Interlocked.Read(ref _now);

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta) => AdvanceMicros(Micros.From(delta));

    /// <summary>Moves the clock forward by <paramref name="deltaMicros"/> microseconds.</summary>
    public void AdvanceMicros(long deltaMicros)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deltaMicros);
        Interlocked.Add(ref _now, deltaMicros);
    }

    /// <summary>Sets the clock to <paramref name="micros"/>, which must not be earlier than now.</summary>
    public void Set(long micros)
    {
        while (true)
        {
            long now = NowMicros;
            if (micros < now)
                throw new ArgumentOutOfRangeException(nameof(micros), micros, $"ManualClock cannot go back from {now} us.");
            if (Interlocked.CompareExchange(ref _now, micros, now) == now)
                return;
        }
    }
}
