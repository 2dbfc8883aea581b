using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Core.Tests.Time;

public sealed class ClockWaitsTests
{
    [Fact]
    public async Task Waits_until_the_clock_reaches_the_time_and_not_before()
    {
        var clock = new ManualClock(1_000_000);
        Task wait = clock.WaitUntilAsync(3_000_000, CancellationToken.None);

        clock.Set(2_999_999);
        await Task.Delay(150);
        Assert.False(wait.IsCompleted);

        clock.Set(3_000_000);
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.NowMicros >= 3_000_000);
    }

    [Fact]
    public async Task A_time_already_passed_returns_at_once_and_cancellation_ends_a_wait()
    {
        var clock = new ManualClock(5_000_000);
        Assert.True(clock.WaitUntilAsync(4_000_000, CancellationToken.None).IsCompletedSuccessfully);

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clock.WaitUntilAsync(long.MaxValue, cts.Token));
    }
}
