namespace MultimodalFusion.Apps.Emotion;

/// <summary>Optional observers of an <see cref="EmotionApp"/> run beside its own outputs (a host's dashboard, a test probe).</summary>
/// <remarks>
/// <para><see cref="Reading"/> runs on the run's result loop after each reading was written; a slow callback delays the
/// next reading (not the capture), so keep it short.</para>
/// <para><see cref="Frame"/> sees at most one video frame per <see cref="FrameInterval"/>, both of media time and of
/// the run's clock, on a thread of its own: the capture never waits for it, and a frame offered while the previous
/// one is still being handled replaces the waiting one (the older is released). The face box comes from a Haar
/// detection of that frame only (a few ms, at most once per interval); the feature extractors and models never run for
/// it. Exceptions from either callback are logged and the run goes on.</para>
/// </remarks>
public sealed class EmotionAppHooks
{
    /// <summary>Per-window callback with the smoothed reading; null: none.</summary>
    public Action<EmotionReading>? Reading { get; init; }

    /// <summary>Frame callback (the frame is borrowed for the call only); null: frames are not tapped at all.</summary>
    public EmotionFrameCallback? Frame { get; init; }

    /// <summary>Least time between two frames given to <see cref="Frame"/> (default 500 ms: two per second).</summary>
    public TimeSpan FrameInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when <see cref="FrameInterval"/> is negative.</summary>
    public void Validate()
    {
        if (FrameInterval < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(FrameInterval), FrameInterval, "the frame interval must not be negative.");
    }
}
