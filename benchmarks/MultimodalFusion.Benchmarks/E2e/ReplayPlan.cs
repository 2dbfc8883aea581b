namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>How a <see cref="DecodedClip"/> is replayed onto the clock.</summary>
/// <param name="Speed">Media seconds per wall second: 1 is real time, 40 plays 40 times faster (frame period / 40).</param>
/// <param name="Paced">
/// True: frame g is delivered at <c>origin + g * period / Speed</c> and stamped with that time, as a camera would
/// deliver it; a replayer that fell behind skips frames that are already overdue (counted). False: frames go out as
/// fast as the queue takes them, stamped with the same schedule (media time), for measuring sustained throughput.
/// </param>
/// <param name="Loops">Passes over the clip; null: until <paramref name="Duration"/> has elapsed.</param>
/// <param name="Duration">Wall time after which the replay stops; null: after <paramref name="Loops"/> passes.</param>
public sealed record ReplayPlan(double Speed, bool Paced, int? Loops, TimeSpan? Duration)
{
    /// <summary>Real time, <paramref name="loops"/> passes.</summary>
    public static ReplayPlan RealTime(int loops) => new(1, true, loops, null);
}
