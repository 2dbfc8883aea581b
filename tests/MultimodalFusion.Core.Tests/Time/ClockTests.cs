using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Core.Tests.Time;

public sealed class ClockTests
{
    [Fact]
    public async Task MonotonicClock_never_goes_back_across_threads()
    {
        IClock clock = MonotonicClock.Instance;
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            long previous = clock.NowMicros;
            for (int i = 0; i < 200_000; i++)
            {
                long now = clock.NowMicros;
                if (now < previous)
                    return false;
                previous = now;
            }
            return true;
        })));
        Assert.All(results, Assert.True);
    }

    [Fact]
    public async Task MonotonicClock_advances_in_microseconds()
    {
        long start = MonotonicClock.Instance.NowMicros;
        await Task.Delay(50);
        long elapsed = MonotonicClock.Instance.NowMicros - start;
        // At least the delay (timers never fire early by more than a tick), and not seconds: the unit is microseconds.
        Assert.InRange(elapsed, 40_000, 5_000_000);
    }

    [Fact]
    public void ManualClock_moves_only_forward()
    {
        var clock = new ManualClock(1_000);
        Assert.Equal(1_000, clock.NowMicros);
        clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(3_000, clock.NowMicros);
        clock.AdvanceMicros(7);
        clock.Set(3_007); // same time is fine
        clock.Set(10_000);
        Assert.Equal(10_000, clock.NowMicros);

        var back = Assert.Throws<ArgumentOutOfRangeException>(() => clock.Set(9_999));
        Assert.Contains("cannot go back", back.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceMicros(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-10)));
        Assert.Equal(10_000, clock.NowMicros);
    }

    [Fact]
    public async Task ManualClock_advances_are_not_lost_under_concurrency()
    {
        var clock = new ManualClock();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 10_000; i++)
                clock.AdvanceMicros(3);
        })));
        Assert.Equal(120_000, clock.NowMicros);
    }
}
