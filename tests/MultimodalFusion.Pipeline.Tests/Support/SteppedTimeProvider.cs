using Microsoft.Extensions.Time.Testing;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Pipeline.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created on it and the timer callbacks that fired, so a
/// test can wait until a delay is armed before advancing time, and can tell whether an advance released it.
/// </summary>
/// <remarks>
/// Polly 8 delays through <c>Task.Delay(delay, timeProvider, token)</c>, which creates one timer per delay on this
/// provider. FakeTimeProvider fires due timers synchronously inside <see cref="FakeTimeProvider.Advance"/>, so
/// <see cref="TimersFired"/> is up to date when Advance returns; what the timer releases (the next attempt) may run
/// on another thread afterwards. <see cref="Clock"/> reads the same fake time as an <see cref="IClock"/>, for metrics.
/// </remarks>
internal sealed class SteppedTimeProvider : FakeTimeProvider
{
    private int _created;
    private int _fired;

    public SteppedTimeProvider()
    {
        Clock = new TimeProviderClock(this);
    }

    /// <summary>Timers created so far (one per Polly delay).</summary>
    public int TimersCreated => Volatile.Read(ref _created);

    /// <summary>Timer callbacks run so far.</summary>
    public int TimersFired => Volatile.Read(ref _fired);

    /// <summary>The fake time in microseconds, for <see cref="Pipeline.Metrics.MetricsRegistry"/>.</summary>
    public IClock Clock { get; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _created);
        return base.CreateTimer(s =>
        {
            Interlocked.Increment(ref _fired);
            callback(s);
        }, state, dueTime, period);
    }

    /// <summary>Reads a <see cref="TimeProvider"/>'s timestamp as microseconds.</summary>
    private sealed class TimeProviderClock(TimeProvider time) : IClock
    {
        // Integer maths: the fake timestamps are ticks since year 1, too large for a double to keep every microsecond.
        public long NowMicros => (long)((Int128)time.GetTimestamp() * 1_000_000 / time.TimestampFrequency);
    }
}
