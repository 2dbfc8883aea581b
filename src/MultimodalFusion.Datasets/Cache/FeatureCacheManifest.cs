using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultimodalFusion.Datasets.Cache;

/// <summary>
/// The contents of a cache's <c>cache.json</c>: format version, task, modalities, extractor provenance,
/// source dataset, splits and the finished videos.
/// </summary>
/// <remarks>
/// JSON with camelCase names. A <see cref="FeatureCacheWriter"/> is opened with a manifest whose
/// <see cref="Videos"/> is empty (the header); it appends one <see cref="CacheVideoEntry"/> per finished video
/// and rewrites the file atomically each time, so the file on disk always lists exactly the complete videos.
/// Immutable; thread-safe.
/// </remarks>
public sealed record FeatureCacheManifest
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The manifest's file name inside the cache folder.</summary>
    public const string FileName = "cache.json";

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Format version of the cache layout (<see cref="CurrentFormatVersion"/>).</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>One of <see cref="FeatureCacheTask.All"/>; decides which label files every video has.</summary>
    public required string Task { get; init; }

    /// <summary>The feature streams; every video has one <c>NAME.npy</c> + <c>NAME.t.npy</c> per modality.</summary>
    public required IReadOnlyList<CacheModality> Modalities { get; init; }

    /// <summary>The extractor models that produced the features.</summary>
    public IReadOnlyList<ExtractorProvenance> Extractors { get; init; } = [];

    /// <summary>The dataset folder the features were computed from (as given; informational).</summary>
    public string? SourceDataset { get; init; }

    /// <summary>Split names the cache holds (or will hold).</summary>
    public IReadOnlyList<string> Splits { get; init; } = [];

    /// <summary>Finished videos, in the order they were written.</summary>
    public IReadOnlyList<CacheVideoEntry> Videos { get; init; } = [];

    /// <summary>The modality called <paramref name="name"/>, or null.</summary>
    public CacheModality? FindModality(string name) => Modalities.FirstOrDefault(m => m.Name == name);

    /// <summary>Serialises to JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>Reads and validates <paramref name="path"/>; bad JSON or content is a <see cref="DatasetFormatException"/> naming it.</summary>
    public static FeatureCacheManifest Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"feature cache manifest not found: {path}", path);
        FeatureCacheManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<FeatureCacheManifest>(File.ReadAllText(path), s_json);
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException(path, null, $"not a valid cache manifest: {e.Message}");
        }
        if (manifest is null)
            throw new DatasetFormatException(path, null, "the manifest is null.");
        manifest.Validate(path);
        return manifest;
    }

    /// <summary>Checks versions, names, sizes and entries; throws <see cref="DatasetFormatException"/> naming <paramref name="file"/>.</summary>
    public void Validate(string file)
    {
        if (FormatVersion != CurrentFormatVersion)
            throw new DatasetFormatException(file, null, $"format version {FormatVersion} is not supported (this reader knows {CurrentFormatVersion}).");
        if (!FeatureCacheTask.IsKnown(Task))
            throw new DatasetFormatException(file, null, $"unknown task '{Task}'; known: {string.Join(", ", FeatureCacheTask.All)}.");
        if (Modalities is null || Modalities.Count == 0)
            throw new DatasetFormatException(file, null, "no modalities.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (CacheModality m in Modalities)
        {
            if (!CacheNames.IsModalityName(m.Name))
                throw new DatasetFormatException(file, null, $"bad modality name '{m.Name}' (letters, digits, '_' and '-'; not frames, va, expr or violence).");
            if (!names.Add(m.Name))
                throw new DatasetFormatException(file, null, $"modality '{m.Name}' is listed twice.");
            if (m.FeatureSize <= 0 || !(m.RateHz > 0) || !double.IsFinite(m.RateHz))
                throw new DatasetFormatException(file, null, $"modality '{m.Name}' needs featureSize > 0 and a finite rateHz > 0 (found {m.FeatureSize}, {m.RateHz}).");
        }
        foreach (ExtractorProvenance e in Extractors ?? [])
        {
            if (string.IsNullOrWhiteSpace(e.Name) || e.Sha256 is not { Length: 64 } || !e.Sha256.All(char.IsAsciiHexDigit))
                throw new DatasetFormatException(file, null, $"extractor '{e.Name}' needs a name and a SHA-256 of 64 hex digits (found '{e.Sha256}').");
            if (e.Modality is not null && FindModality(e.Modality) is null)
                throw new DatasetFormatException(file, null, $"extractor '{e.Name}' names modality '{e.Modality}', which the cache does not have.");
        }
        foreach (string split in Splits ?? [])
            if (!CacheNames.IsFolderName(split))
                throw new DatasetFormatException(file, null, $"split '{split}' is not a plain folder name.");
        var seen = new HashSet<(string, string)>();
        foreach (CacheVideoEntry v in Videos ?? [])
        {
            if (!CacheNames.IsFolderName(v.Split) || !CacheNames.IsFolderName(v.Id))
                throw new DatasetFormatException(file, null, $"video '{v.Split}/{v.Id}' has a split or id that is not a plain folder name.");
            if (!seen.Add((v.Split, v.Id)))
                throw new DatasetFormatException(file, null, $"video '{v.Split}/{v.Id}' is listed twice.");
            if (v.FrameCount < 0 || v.Rows is null)
                throw new DatasetFormatException(file, null, $"video '{v.Split}/{v.Id}' needs frameCount >= 0 and rows.");
            foreach (CacheModality m in Modalities)
                if (!v.Rows.TryGetValue(m.Name, out int rows) || rows < 0)
                    throw new DatasetFormatException(file, null, $"video '{v.Split}/{v.Id}' has no row count for modality '{m.Name}'.");
        }
    }

    /// <summary>Writes the JSON atomically (temp file, then rename over <paramref name="path"/>).</summary>
    internal void Save(string path)
    {
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(temp, ToJson());
        File.Move(temp, path, overwrite: true);
    }
}
