using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Pipeline.Alignment;

/// <summary>Window geometry and latency settings of a <see cref="WindowAligner"/>.</summary>
/// <remarks>
/// Window k covers <c>[origin + k*Hop, origin + k*Hop + Window)</c> on the data-path clock, where origin is
/// the time of the first video frame. A window waits for every modality in <see cref="Expected"/> at most
/// until the clock reaches its end plus <see cref="Deadline"/>.
/// </remarks>
public sealed record AlignerOptions
{
    /// <summary>Window length W (default 2 s).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Hop H between window starts (default 0.5 s); windows overlap when it is shorter than <see cref="Window"/>.</summary>
    public TimeSpan Hop { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long past a window's end the aligner waits for late modalities (default 0.5 s).</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Modalities a window waits for (default video and audio; text is sparse, so it is usually not awaited).</summary>
    public ModalityMask Expected { get; init; } = ModalityMask.Video | ModalityMask.Audio;

    /// <summary>Emit deadline-expired windows that hold no data at all (default false: they are skipped and counted).</summary>
    public bool EmitEmptyWindows { get; init; }

    internal long WindowMicros => Micros.From(Window);

    internal long HopMicros => Micros.From(Hop);

    internal long DeadlineMicros => Micros.From(Deadline);

    /// <summary>Throws with a message naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        if (WindowMicros <= 0)
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "AlignerOptions.Window must be at least 1 microsecond.");
        if (HopMicros <= 0)
            throw new ArgumentOutOfRangeException(nameof(Hop), Hop, "AlignerOptions.Hop must be at least 1 microsecond.");
        if (Deadline < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(Deadline), Deadline, "AlignerOptions.Deadline must not be negative.");
        if (Expected == ModalityMask.None || (Expected & ~ModalityMask.All) != 0)
            throw new ArgumentOutOfRangeException(nameof(Expected), Expected, "AlignerOptions.Expected must name at least one of Video, Audio, Text.");
    }
}
