namespace MultimodalFusion.Training.Onnx;

/// <summary>What an exported fusion graph and its manifest are called and what they claim.</summary>
public sealed record FusionExportOptions
{
    /// <summary>Model name: the file stem of <c>name.onnx</c> / <c>name.json</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Manifest task, e.g. "va", "expr", "violence".</summary>
    public required string Task { get; init; }

    /// <summary>Name of the head's output ("va", "expr", "violence"); classification graphs add <c>{OutputName}_logits</c>.</summary>
    public required string OutputName { get; init; }

    /// <summary>One label per output value (class names, or "valence"/"arousal").</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Window the model was trained on.</summary>
    public TimeSpan WindowLength { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Hop between windows.</summary>
    public TimeSpan WindowHop { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Video frames per second sampled into a window, if a video stream is used.</summary>
    public double? VideoFps { get; init; }

    /// <summary>Honest description of the training data, e.g. "synthetic seed 7" or "random weights (parity test)".</summary>
    public string Data { get; init; } = "untrained";

    /// <summary>Held-out metrics to record in the provenance (e.g. cccMean, macroF1).</summary>
    public IReadOnlyDictionary<string, double>? HeldOut { get; init; }
}
