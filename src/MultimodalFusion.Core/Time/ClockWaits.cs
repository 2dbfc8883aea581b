namespace MultimodalFusion.Core.Time;

/// <summary>Waiting for a time on an <see cref="IClock"/>: the one pacing primitive of real-time playback.</summary>
public static class ClockWaits
{
    private const long MaxSliceMicros = 50_000;

    /// <summary>Completes once <paramref name="clock"/> reads at least <paramref name="micros"/>.</summary>
    /// <remarks>
    /// Sleeps in slices of at most 50 ms and re-reads the clock after each, so a clock that another
    /// party moves (a test's <see cref="ManualClock"/>) is noticed; never returns early.
    /// </remarks>
    public static async Task WaitUntilAsync(this IClock clock, long micros, CancellationToken cancellationToken)
    {
        long remaining;
        while ((remaining = micros - clock.NowMicros) > 0)
            await Task.Delay(Micros.ToTimeSpan(Math.Clamp(remaining, 1_000, MaxSliceMicros)), cancellationToken).ConfigureAwait(false);
    }
}
