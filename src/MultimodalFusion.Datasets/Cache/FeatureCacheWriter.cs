using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MultimodalFusion.Datasets.Cache;

/// <summary>
/// Writes a feature cache one video at a time, atomically per video, so that an interrupted run resumes and
/// skips the videos already finished.
/// </summary>
/// <remarks>
/// <para>Layout: <c>CACHE/cache.json</c> (<see cref="FeatureCacheManifest"/>) and per video
/// <c>CACHE/SPLIT/ID/</c> holding <c>MODALITY.npy</c> (float32 [rows, D]), <c>MODALITY.t.npy</c> (int64 [rows]
/// microseconds), <c>frames.t.npy</c> (int64 [T]), and the labels <c>va.npy</c> (float32 [T, 2], NaN = ignored),
/// <c>expr.npy</c> / <c>violence.npy</c> (int64 [T], -1 = ignored) that the video carries.</para>
/// <para>A video's files are written into a hidden temp folder <c>CACHE/SPLIT/.tmp-ID-*</c>, renamed into place,
/// and only then listed in <c>cache.json</c> (itself replaced atomically). A crash leaves at most a temp folder
/// (removed by the next <see cref="Open"/>) or an unlisted folder (replaced when that video is written again):
/// every listed video is complete.</para>
/// <para>Thread-safe: several threads may write different videos at once; the manifest update is serialised.
/// One process per cache folder: a second writer opening the same folder would remove the first one's temp folders.</para>
/// </remarks>
public sealed class FeatureCacheWriter
{
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private readonly string _manifestPath;
    private FeatureCacheManifest _manifest;

    private FeatureCacheWriter(string directory, FeatureCacheManifest manifest, ILogger logger)
    {
        Directory = directory;
        _manifest = manifest;
        _logger = logger;
        _manifestPath = Path.Combine(directory, FeatureCacheManifest.FileName);
    }

    /// <summary>The cache folder.</summary>
    public string Directory { get; }

    /// <summary>A snapshot of the manifest as last saved (finished videos included).</summary>
    public FeatureCacheManifest Manifest
    {
        get { lock (_gate) return _manifest; }
    }

    /// <summary>
    /// Creates the cache in <paramref name="directory"/>, or resumes the one there. <paramref name="header"/> is the
    /// manifest without videos; resuming requires the same task, modalities and extractors as the cache on disk
    /// (otherwise <see cref="InvalidOperationException"/> naming cache.json and the difference).
    /// </summary>
    public static FeatureCacheWriter Open(string directory, FeatureCacheManifest header, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        string full = Path.GetFullPath(directory);
        string manifestPath = Path.Combine(full, FeatureCacheManifest.FileName);
        if (header.Videos.Count != 0)
            throw new ArgumentException("the header manifest must not list videos; the writer adds them.", nameof(header));
        try
        {
            header.Validate(manifestPath);
        }
        catch (DatasetFormatException e)
        {
            throw new ArgumentException($"bad cache header for {manifestPath}: {e.Message[(manifestPath.Length + 2)..]}", nameof(header), e);
        }
        System.IO.Directory.CreateDirectory(full);
        FeatureCacheManifest manifest = header;
        if (File.Exists(manifestPath))
        {
            FeatureCacheManifest existing = FeatureCacheManifest.Load(manifestPath);
            string? difference = Difference(existing, header);
            if (difference is not null)
                throw new InvalidOperationException(
                    $"{manifestPath} belongs to a different cache ({difference}); write to another folder or delete this one.");
            manifest = existing with { Splits = existing.Splits.Union(header.Splits).ToList() };
            logger.LogInformation("Resuming feature cache {Directory}: {Count} videos already finished", full, existing.Videos.Count);
        }
        RemoveTempFolders(full, logger);
        manifest.Save(manifestPath);
        return new FeatureCacheWriter(full, manifest, logger);
    }

    /// <summary>True when <paramref name="split"/>/<paramref name="id"/> is finished (listed in cache.json).</summary>
    public bool Contains(string split, string id)
    {
        lock (_gate)
            return _manifest.Videos.Any(v => v.Split == split && v.Id == id);
    }

    /// <summary>
    /// Validates <paramref name="video"/> against the manifest, writes its files atomically and lists it in
    /// cache.json; a video already listed is replaced. Returns its entry. The arrays are read, not kept.
    /// </summary>
    public CacheVideoEntry WriteVideo(CachedVideo video)
    {
        FeatureCacheManifest manifest = Manifest;
        CachedVideoValidator.Validate(video, manifest);
        string splitDir = Path.Combine(Directory, video.Split);
        System.IO.Directory.CreateDirectory(splitDir);
        string temp = Path.Combine(splitDir, $"{CacheNames.TempPrefix}{video.Id}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(temp);
        try
        {
            WriteFiles(temp, video, manifest);
            var entry = new CacheVideoEntry(video.Split, video.Id, video.FrameCount,
                manifest.Modalities.ToDictionary(m => m.Name, m => video.Features[m.Name].Rows));
            string final = CacheNames.VideoDirectory(Directory, video.Split, video.Id);
            lock (_gate)
            {
                if (System.IO.Directory.Exists(final))
                    System.IO.Directory.Delete(final, recursive: true);
                System.IO.Directory.Move(temp, final);
                var videos = _manifest.Videos.Where(v => !(v.Split == video.Split && v.Id == video.Id)).Append(entry).ToList();
                var splits = _manifest.Splits.Contains(video.Split) ? _manifest.Splits : [.. _manifest.Splits, video.Split];
                var updated = _manifest with { Videos = videos, Splits = splits };
                updated.Save(_manifestPath);
                _manifest = updated;
            }
            _logger.LogDebug("Cached {Split}/{Id}: {Frames} frames", video.Split, video.Id, video.FrameCount);
            return entry;
        }
        finally
        {
            if (System.IO.Directory.Exists(temp))
                System.IO.Directory.Delete(temp, recursive: true);
        }
    }

    private static void WriteFiles(string dir, CachedVideo video, FeatureCacheManifest manifest)
    {
        foreach (CacheModality m in manifest.Modalities)
        {
            FeatureSeries s = video.Features[m.Name];
            NpyFile.Write(Path.Combine(dir, CacheNames.Features(m.Name)), s.Data.AsSpan(0, s.Rows * s.Dim), s.Rows, s.Dim);
            NpyFile.Write(Path.Combine(dir, CacheNames.Timestamps(m.Name)), s.TimestampsMicros.AsSpan(), s.Rows);
        }
        int t = video.FrameCount;
        NpyFile.Write(Path.Combine(dir, CacheNames.FrameTimestamps), video.FrameTimestampsMicros.AsSpan(), t);
        if (video.Va is { } va)
            NpyFile.Write(Path.Combine(dir, CacheNames.Va), va.AsSpan(), t, 2);
        if (video.Expr is { } expr)
            NpyFile.Write(Path.Combine(dir, CacheNames.Expr), Widen(expr), t);
        if (video.Violence is { } violence)
            NpyFile.Write(Path.Combine(dir, CacheNames.Violence), Widen(violence), t);
    }

    private static long[] Widen(int[] values) => Array.ConvertAll(values, v => (long)v);

    private static string? Difference(FeatureCacheManifest existing, FeatureCacheManifest header)
    {
        if (existing.Task != header.Task)
            return $"task '{existing.Task}' there, '{header.Task}' here";
        if (!existing.Modalities.SequenceEqual(header.Modalities))
            return $"modalities [{Describe(existing.Modalities)}] there, [{Describe(header.Modalities)}] here";
        var a = existing.Extractors.Select(e => (e.Name, e.Sha256.ToLowerInvariant(), e.Modality)).Order().ToList();
        var b = header.Extractors.Select(e => (e.Name, e.Sha256.ToLowerInvariant(), e.Modality)).Order().ToList();
        if (!a.SequenceEqual(b))
            return $"extractors [{string.Join(", ", a.Select(e => $"{e.Name} {e.Item2}"))}] there, [{string.Join(", ", b.Select(e => $"{e.Name} {e.Item2}"))}] here";
        return null;
    }

    private static string Describe(IEnumerable<CacheModality> modalities) =>
        string.Join(", ", modalities.Select(m => $"{m.Name} D={m.FeatureSize} {m.RateHz} Hz"));

    private static void RemoveTempFolders(string directory, ILogger logger)
    {
        foreach (string split in System.IO.Directory.EnumerateDirectories(directory))
            foreach (string temp in System.IO.Directory.EnumerateDirectories(split, CacheNames.TempPrefix + "*"))
            {
                logger.LogInformation("Removing unfinished cache folder {Folder} left by an interrupted run", temp);
                System.IO.Directory.Delete(temp, recursive: true);
            }
        foreach (string temp in System.IO.Directory.EnumerateFiles(directory, FeatureCacheManifest.FileName + ".tmp-*"))
            File.Delete(temp);
    }
}
