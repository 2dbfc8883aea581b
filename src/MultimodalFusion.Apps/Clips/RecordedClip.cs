namespace MultimodalFusion.Apps.Clips;

/// <summary>A finished event clip: where its files are and what went into them.</summary>
/// <param name="EventId">The event the clip belongs to.</param>
/// <param name="Camera">The camera id.</param>
/// <param name="ClipPath">Absolute path of the mp4.</param>
/// <param name="SnapshotPath">Absolute path of the JPEG, or null when no frame was available for it.</param>
/// <param name="Frames">Frames written to the mp4.</param>
/// <param name="FirstFrameMicros">Capture time of the first frame written (pipeline clock).</param>
/// <param name="LastFrameMicros">Capture time of the last frame written.</param>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="HitMaxLength">True when the clip was cut at MaxClipLength rather than ClipAfter past the end.</param>
/// <param name="Resumed">
/// True when this run recorded the part of an event that started before a restart; <paramref name="ClipPath"/> then holds
/// the earlier part (if one was playable) joined with this one, and <paramref name="Frames"/> counts this part only.
/// </param>
public sealed record RecordedClip(
    string EventId,
    string Camera,
    string ClipPath,
    string? SnapshotPath,
    int Frames,
    long FirstFrameMicros,
    long LastFrameMicros,
    int Width,
    int Height,
    bool HitMaxLength,
    bool Resumed = false);
