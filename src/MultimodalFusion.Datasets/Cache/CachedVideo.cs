namespace MultimodalFusion.Datasets.Cache;

/// <summary>Everything the cache holds for one video: per-modality features and the per-frame labels.</summary>
/// <remarks>
/// The label timeline is the video's frames: <see cref="FrameTimestampsMicros"/> has T entries and each label
/// array has T rows. Labels the task does not use are null. Ignored frames are NaN (VA) or -1 (EXPR, violence).
/// The same type is written by <see cref="FeatureCacheWriter.WriteVideo"/> and returned by <see cref="FeatureCache.Load(CacheVideoEntry)"/>;
/// arrays are not copied (see <see cref="FeatureSeries"/> for ownership).
/// </remarks>
public sealed class CachedVideo
{
    /// <summary>Split name (a folder name: no path separators).</summary>
    public required string Split { get; init; }

    /// <summary>Video id (a folder name: no path separators).</summary>
    public required string Id { get; init; }

    /// <summary>Microsecond timestamps of the T labelled frames, from the start of the video, strictly ascending.</summary>
    public required long[] FrameTimestampsMicros { get; init; }

    /// <summary>Features per modality name; every modality of the cache must be present (with 0 rows if absent in the video).</summary>
    public required IReadOnlyDictionary<string, FeatureSeries> Features { get; init; }

    /// <summary>T x 2 row-major (valence, arousal) in [-1, 1], NaN where not annotated; null when not cached.</summary>
    public float[]? Va { get; init; }

    /// <summary>T expression classes 0..7, -1 where not annotated; null when not cached.</summary>
    public int[]? Expr { get; init; }

    /// <summary>T violence labels 0/1, -1 where not annotated; null when not cached.</summary>
    public int[]? Violence { get; init; }

    /// <summary>T, the number of labelled frames.</summary>
    public int FrameCount => FrameTimestampsMicros.Length;
}
