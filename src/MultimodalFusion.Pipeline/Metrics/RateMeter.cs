using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Pipeline.Metrics;

/// <summary>Events per second over a sliding window measured on an <see cref="IClock"/> (frames per second, packets per second).</summary>
/// <remarks>
/// The window is split into <c>SlotCount</c> slots; each slot counts the events of one slot-length
/// interval of the clock. The rate is the count of the slots inside the window divided by the time
/// they cover (less than the window while the meter is younger than one window). Thread-safe; a
/// short lock, no allocation per event.
/// </remarks>
public sealed class RateMeter
{
    private const int SlotCount = 10;

    private readonly IClock _clock;
    private readonly long _slotMicros;
    private readonly long[] _slotEpoch = new long[SlotCount];
    private readonly long[] _slotCount = new long[SlotCount];
    private readonly Lock _lock = new();
    private long _firstEventMicros = long.MinValue;

    /// <summary>A meter over <paramref name="window"/> (default 5 s) of <paramref name="clock"/>.</summary>
    public RateMeter(IClock clock, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        TimeSpan length = window ?? TimeSpan.FromSeconds(5);
        if (length < TimeSpan.FromMilliseconds(10))
            throw new ArgumentOutOfRangeException(nameof(window), length, "A rate window must be at least 10 ms.");
        _clock = clock;
        _slotMicros = Micros.From(length) / SlotCount;
        Array.Fill(_slotEpoch, long.MinValue);
    }

    /// <summary>Length of the sliding window.</summary>
    public TimeSpan Window => Micros.ToTimeSpan(_slotMicros * SlotCount);

    /// <summary>Counts <paramref name="events"/> events at the clock's current time.</summary>
    public void Mark(int events = 1)
    {
        long now = _clock.NowMicros;
        long epoch = now / _slotMicros;
        int slot = (int)(epoch % SlotCount);
        lock (_lock)
        {
            if (_firstEventMicros == long.MinValue)
                _firstEventMicros = now;
            if (_slotEpoch[slot] != epoch)
            {
                _slotEpoch[slot] = epoch;
                _slotCount[slot] = 0;
            }
            _slotCount[slot] += events;
        }
    }

    /// <summary>Events per second over the last window, as of the clock's current time; 0 before any event.</summary>
    public double PerSecond
    {
        get
        {
            long now = _clock.NowMicros;
            long nowEpoch = now / _slotMicros;
            long oldestEpoch = nowEpoch - SlotCount + 1;
            long events = 0;
            long first;
            lock (_lock)
            {
                first = _firstEventMicros;
                for (int i = 0; i < SlotCount; i++)
                    if (_slotEpoch[i] >= oldestEpoch && _slotEpoch[i] <= nowEpoch)
                        events += _slotCount[i];
            }
            if (first == long.MinValue)
                return 0;
            // The window covers the whole oldest slot up to now, but never more than the meter has lived
            // (at least one slot, so that two events a microsecond apart do not read as a million per second).
            long covered = Math.Min(now - oldestEpoch * _slotMicros, Math.Max(now - first, _slotMicros));
            return covered <= 0 ? 0 : events * (double)Micros.PerSecond / covered;
        }
    }
}
