namespace MultimodalFusion.Datasets.Cache;

/// <summary>
/// Reads a feature cache written by <see cref="FeatureCacheWriter"/>: the manifest at open, each video's arrays
/// on <see cref="Load(CacheVideoEntry)"/>, checked against the manifest.
/// </summary>
/// <remarks>
/// Only videos listed in <c>cache.json</c> exist for the reader (unlisted folders are unfinished work). Every
/// array's dtype and shape is checked: features [rows, D] with rows and D as listed, timestamps [rows], labels
/// [T] or [T, 2]; a label file the task requires must be present. A mismatch, a truncated or damaged file is a
/// <see cref="DatasetFormatException"/> naming that file; a missing file is a <see cref="FileNotFoundException"/>
/// naming it. Immutable after <see cref="Open"/>; <see cref="Load(CacheVideoEntry)"/> may run on several threads.
/// </remarks>
public sealed class FeatureCache
{
    private FeatureCache(string directory, FeatureCacheManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
    }

    /// <summary>The cache folder.</summary>
    public string Directory { get; }

    /// <summary>The validated manifest.</summary>
    public FeatureCacheManifest Manifest { get; }

    /// <summary>All finished videos.</summary>
    public IReadOnlyList<CacheVideoEntry> Videos => Manifest.Videos;

    /// <summary>Opens the cache in <paramref name="directory"/> and validates its <c>cache.json</c>.</summary>
    public static FeatureCache Open(string directory)
    {
        string full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
            throw new DirectoryNotFoundException($"feature cache folder not found: {full}");
        return new FeatureCache(full, FeatureCacheManifest.Load(Path.Combine(full, FeatureCacheManifest.FileName)));
    }

    /// <summary>The finished videos of <paramref name="split"/>, in manifest order.</summary>
    public IReadOnlyList<CacheVideoEntry> VideosIn(string split) => Manifest.Videos.Where(v => v.Split == split).ToList();

    /// <summary>Loads <paramref name="split"/>/<paramref name="id"/>; an unlisted video is a <see cref="KeyNotFoundException"/>.</summary>
    public CachedVideo Load(string split, string id)
    {
        CacheVideoEntry entry = Manifest.Videos.FirstOrDefault(v => v.Split == split && v.Id == id)
            ?? throw new KeyNotFoundException($"video '{split}/{id}' is not in the feature cache {Directory}.");
        return Load(entry);
    }

    /// <summary>Loads and checks every array of <paramref name="entry"/>; the returned arrays belong to the caller.</summary>
    public CachedVideo Load(CacheVideoEntry entry)
    {
        string dir = CacheNames.VideoDirectory(Directory, entry.Split, entry.Id);
        int t = entry.FrameCount;
        var features = new Dictionary<string, FeatureSeries>(StringComparer.Ordinal);
        foreach (CacheModality m in Manifest.Modalities)
        {
            int rows = entry.Rows[m.Name];
            string dataPath = Path.Combine(dir, CacheNames.Features(m.Name));
            var (data, shape) = NpyFile.ReadFloat32(dataPath);
            ExpectShape(dataPath, shape, rows, m.FeatureSize);
            string timePath = Path.Combine(dir, CacheNames.Timestamps(m.Name));
            var (times, timeShape) = NpyFile.ReadInt64(timePath);
            ExpectShape(timePath, timeShape, rows);
            ExpectAscending(timePath, times);
            features[m.Name] = new FeatureSeries(data, rows, m.FeatureSize, times);
        }
        string framesPath = Path.Combine(dir, CacheNames.FrameTimestamps);
        var (frameTimes, frameShape) = NpyFile.ReadInt64(framesPath);
        ExpectShape(framesPath, frameShape, t);
        ExpectAscending(framesPath, frameTimes);
        return new CachedVideo
        {
            Split = entry.Split,
            Id = entry.Id,
            FrameTimestampsMicros = frameTimes,
            Features = features,
            Va = ReadVa(Path.Combine(dir, CacheNames.Va), t, FeatureCacheTask.NeedsVa(Manifest.Task)),
            Expr = ReadClasses(Path.Combine(dir, CacheNames.Expr), t, 7, FeatureCacheTask.NeedsExpr(Manifest.Task)),
            Violence = ReadClasses(Path.Combine(dir, CacheNames.Violence), t, 1, FeatureCacheTask.NeedsViolence(Manifest.Task)),
        };
    }

    private static float[]? ReadVa(string path, int frames, bool required)
    {
        if (!required && !File.Exists(path))
            return null;
        var (va, shape) = NpyFile.ReadFloat32(path);
        ExpectShape(path, shape, frames, 2);
        for (int i = 0; i < va.Length; i++)
            if (!float.IsNaN(va[i]) && va[i] is < -1f or > 1f)
                throw new DatasetFormatException(path, null, $"VA value {va[i]} at frame index {i / 2} is outside [-1, 1].");
        return va;
    }

    private static int[]? ReadClasses(string path, int frames, int max, bool required)
    {
        if (!required && !File.Exists(path))
            return null;
        var (values, shape) = NpyFile.ReadInt64(path);
        ExpectShape(path, shape, frames);
        var labels = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] < -1 || values[i] > max)
                throw new DatasetFormatException(path, null, $"label {values[i]} at frame index {i} is outside -1..{max}.");
            labels[i] = (int)values[i];
        }
        return labels;
    }

    private static void ExpectAscending(string path, long[] timestamps)
    {
        for (int i = 1; i < timestamps.Length; i++)
            if (timestamps[i] <= timestamps[i - 1])
                throw new DatasetFormatException(path, null, $"timestamps must ascend strictly; row {i} ({timestamps[i]} us) follows {timestamps[i - 1]} us.");
    }

    private static void ExpectShape(string path, int[] shape, params int[] expected)
    {
        if (!shape.AsSpan().SequenceEqual(expected))
            throw new DatasetFormatException(path, null,
                $"shape ({string.Join(", ", shape)}) disagrees with cache.json, which implies ({string.Join(", ", expected)}).");
    }
}
