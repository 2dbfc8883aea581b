namespace MultimodalFusion.Training.Cli.Backbones;

/// <summary>What <c>mmf-train backbone</c> was asked to do, after parsing.</summary>
internal sealed record BackboneSettings
{
    /// <summary>Backbone kinds <c>--kind</c> accepts.</summary>
    public static readonly string[] Kinds = ["image", "audio"];

    /// <summary>image (SmallImageCnn on frames) or audio (LogMelAudioEncoder on WAV windows).</summary>
    public required string Kind { get; init; }

    /// <summary>va+expr, va, expr or violence (<see cref="BackboneTargets"/>).</summary>
    public required string Task { get; init; }

    /// <summary>Dataset folder (Aff-Wild2 or DVD layout, as mmf synth writes).</summary>
    public required string Data { get; init; }

    /// <summary>Output folder: NAME.onnx + NAME.json, metrics.json, checkpoint/NAME.pt.</summary>
    public required string Out { get; init; }

    /// <summary>Model name (file stem); default <c>{profile}-{kind}</c>.</summary>
    public string? Name { get; init; }

    /// <summary>A second dataset (e.g. generated with another seed) whose validation split is scored and recorded as held out.</summary>
    public string? HeldOut { get; init; }

    /// <summary>Maximum epochs (early stopping on the validation split).</summary>
    public int Epochs { get; init; } = 15;

    /// <summary>Seed of weights and shuffling.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Image backbones: every N-th frame is a sample.</summary>
    public int FrameStep { get; init; } = 2;

    /// <summary>Image backbones: square input side in pixels.</summary>
    public int Size { get; init; } = 64;

    /// <summary>Audio backbones: window length (also the manifest's window).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Audio backbones: hop between windows (also the manifest's hop).</summary>
    public TimeSpan Hop { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>libtorch intra-op threads for the run.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Frame rate of the labels when the dataset has no synth.json.</summary>
    public double Fps { get; init; } = 10;

    /// <summary>The model name actually used.</summary>
    public string ModelName => Name ?? $"{(Task == "violence" ? "violence" : "emotion")}-{Kind}";

    /// <summary>True for an image backbone trained on face crops (emotion tasks): manifest role "face".</summary>
    public bool FaceRole => Kind == "image" && Task != "violence";
}
