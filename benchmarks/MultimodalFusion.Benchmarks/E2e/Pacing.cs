using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>Blocking waits on the data-path clock for a dedicated replay thread.</summary>
/// <remarks>
/// Waits sleep (the kernel timer oversleeps by up to ~1 ms; a late frame is still stamped with its scheduled time, so
/// the lateness counts as latency). Only frame periods under <see cref="SpinBelow"/> (fast overload replays) spin for
/// the last 2 ms with <see cref="SpinWait"/>. Spinning at real time would make the spinning thread look CPU-bound to
/// the scheduler, which on a loaded machine then preempts it more often during its model work: measured here, the raw
/// loop's extraction took 2-3x longer than the pipeline's when both spun.
/// </remarks>
public static class Pacing
{
    /// <summary>Frame periods below this spin before each frame; longer ones only sleep.</summary>
    public static readonly TimeSpan SpinBelow = TimeSpan.FromMilliseconds(5);

    private const long SpinWithinMicros = 2_000;

    /// <summary>Returns when <paramref name="clock"/> reaches <paramref name="micros"/> (at once when it already has).</summary>
    public static void WaitUntil(IClock clock, long micros, bool spin, CancellationToken cancellationToken)
    {
        var spinner = new SpinWait();
        long remaining;
        while ((remaining = micros - clock.NowMicros) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!spin)
                Thread.Sleep(TimeSpan.FromMicroseconds(Math.Max(remaining, 1_000)));
            else if (remaining > SpinWithinMicros)
                Thread.Sleep(TimeSpan.FromMicroseconds(remaining - SpinWithinMicros / 2));
            else
                spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Runs <paramref name="body"/> on a thread of its own (not the pool), so that waits never starve pool work.</summary>
    public static Task OnOwnThread(Action body, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(body, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Runs <paramref name="body"/> on a thread of its own and returns its result.</summary>
    public static Task<T> OnOwnThread<T>(Func<T> body, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(body, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
