namespace MultimodalFusion.Datasets.Cache;

/// <summary>Checks a video against the manifest before it is written; messages name the video and the array.</summary>
internal static class CachedVideoValidator
{
    public static void Validate(CachedVideo video, FeatureCacheManifest manifest)
    {
        string name = $"{video.Split}/{video.Id}";
        if (!CacheNames.IsFolderName(video.Split) || !CacheNames.IsFolderName(video.Id))
            throw new ArgumentException($"video '{name}': split and id must be plain folder names (no separators, not starting with '.').");
        CheckAscending(video.FrameTimestampsMicros, $"video '{name}': frame timestamps");
        int t = video.FrameCount;
        foreach (string key in video.Features.Keys)
            if (manifest.FindModality(key) is null)
                throw new ArgumentException($"video '{name}': modality '{key}' is not in the cache (known: {string.Join(", ", manifest.Modalities.Select(m => m.Name))}).");
        foreach (CacheModality m in manifest.Modalities)
        {
            if (!video.Features.TryGetValue(m.Name, out FeatureSeries? s))
                throw new ArgumentException($"video '{name}': modality '{m.Name}' is missing (give 0 rows when the video lacks it).");
            if (s.Dim != m.FeatureSize)
                throw new ArgumentException($"video '{name}': modality '{m.Name}' has D={s.Dim}, the cache says {m.FeatureSize}.");
            if (s.Rows < 0 || s.Data.Length < (long)s.Rows * s.Dim || s.TimestampsMicros.Length != s.Rows)
                throw new ArgumentException($"video '{name}': modality '{m.Name}' has {s.Rows} rows but {s.Data.Length} values and {s.TimestampsMicros.Length} timestamps.");
            CheckAscending(s.TimestampsMicros, $"video '{name}': '{m.Name}' timestamps");
        }
        if (FeatureCacheTask.NeedsVa(manifest.Task) && video.Va is null)
            throw new ArgumentException($"video '{name}': task '{manifest.Task}' needs VA labels.");
        if (FeatureCacheTask.NeedsExpr(manifest.Task) && video.Expr is null)
            throw new ArgumentException($"video '{name}': task '{manifest.Task}' needs expression labels.");
        if (FeatureCacheTask.NeedsViolence(manifest.Task) && video.Violence is null)
            throw new ArgumentException($"video '{name}': task '{manifest.Task}' needs violence labels.");
        if (video.Va is { } va)
        {
            if (va.Length != 2 * t)
                throw new ArgumentException($"video '{name}': VA labels hold {va.Length} values, expected 2 x {t} frames.");
            for (int i = 0; i < va.Length; i++)
                if (!float.IsNaN(va[i]) && va[i] is < -1f or > 1f)
                    throw new ArgumentException($"video '{name}': VA value {va[i]} of frame index {i / 2} is outside [-1, 1] (use NaN for ignored).");
        }
        CheckClasses(video.Expr, t, 7, name, "expression");
        CheckClasses(video.Violence, t, 1, name, "violence");
    }

    private static void CheckClasses(int[]? labels, int frames, int max, string name, string what)
    {
        if (labels is null)
            return;
        if (labels.Length != frames)
            throw new ArgumentException($"video '{name}': {what} labels hold {labels.Length} values, expected {frames}.");
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] < -1 || labels[i] > max)
                throw new ArgumentException($"video '{name}': {what} label {labels[i]} of frame index {i} is outside -1..{max}.");
    }

    private static void CheckAscending(long[] timestamps, string what)
    {
        for (int i = 1; i < timestamps.Length; i++)
            if (timestamps[i] <= timestamps[i - 1])
                throw new ArgumentException($"{what} must ascend strictly; index {i} ({timestamps[i]} us) follows {timestamps[i - 1]} us.");
    }
}
