namespace MultimodalFusion.Datasets.Cache;

/// <summary>
/// One fusion window cut from a cached video by <see cref="CacheWindowing.Cut"/>: the span [start, end) on the video's
/// clock, the labelled frames and each stream's rows inside it, and the window label.
/// </summary>
/// <remarks>
/// Holds references to the video's arrays (no copies): valid as long as the caller keeps the <see cref="CachedVideo"/>
/// unchanged. Times are int64 microseconds from the start of the video.
/// </remarks>
/// <param name="Video">The cached video the window belongs to.</param>
/// <param name="Streams">The streams in model input order (the first is the base stream of per-frame outputs).</param>
/// <param name="StartMicros">Window start (inclusive).</param>
/// <param name="EndMicros">Window end (exclusive); may lie past the video's last frame (the tail is padding).</param>
/// <param name="Frames">The labelled frames (rows of <see cref="CachedVideo.FrameTimestampsMicros"/>) in the window.</param>
/// <param name="Rows">Per stream, the feature rows stamped in the window (Count 0: the stream is absent here).</param>
/// <param name="Label">Classification: the window's class; null for VA and when no frame of the window is annotated.</param>
/// <param name="Va">VA: the mean (valence, arousal) of the annotated frames; null otherwise or when none is annotated.</param>
public sealed record CacheWindow(
    CachedVideo Video, IReadOnlyList<CacheModality> Streams, long StartMicros, long EndMicros,
    RowRange Frames, IReadOnlyList<RowRange> Rows, long? Label, float[]? Va)
{
    /// <summary>True when the window has a label (the trainer keeps only these).</summary>
    public bool IsLabelled => Label is not null || Va is not null;

    /// <summary>The window's centre in microseconds.</summary>
    public long CentreMicros => StartMicros + (EndMicros - StartMicros) / 2;

    /// <summary>True when <paramref name="micros"/> lies in [start, end).</summary>
    public bool Contains(long micros) => micros >= StartMicros && micros < EndMicros;
}
