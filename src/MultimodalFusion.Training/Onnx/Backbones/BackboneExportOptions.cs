using MultimodalFusion.Features.Audio;

namespace MultimodalFusion.Training.Onnx.Backbones;

/// <summary>What an exported backbone graph and its manifest are called, what preprocessing they declare and what they claim.</summary>
/// <remarks>
/// Image and clip models declare width/height (from the model), colour order and mean/std: the runtime's
/// ImagePreprocessor reproduces exactly these planes. Audio models declare the log-mel frontend of
/// <see cref="LogMel"/>; clip and audio models also declare their window.
/// </remarks>
public sealed record BackboneExportOptions
{
    /// <summary>Model name: the file stem of <c>name.onnx</c> / <c>name.json</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Manifest task: what the output means ("features").</summary>
    public string Task { get; init; } = "features";

    /// <summary>Name of the graph output [batch, d].</summary>
    public string OutputName { get; init; } = "features";

    /// <summary>Channel order of image planes: "rgb" or "bgr".</summary>
    public string ColorOrder { get; init; } = "rgb";

    /// <summary>Per-channel mean after scaling pixels to [0, 1] (in <see cref="ColorOrder"/>).</summary>
    public IReadOnlyList<float> Mean { get; init; } = [0.5f, 0.5f, 0.5f];

    /// <summary>Per-channel standard deviation after scaling pixels to [0, 1].</summary>
    public IReadOnlyList<float> Std { get; init; } = [0.5f, 0.5f, 0.5f];

    /// <summary>Face-crop margin for face models (fraction of the box side); null: whole frame.</summary>
    public float? FaceMargin { get; init; }

    /// <summary>True to declare role "face" instead of "image" for an image backbone trained on face crops.</summary>
    public bool FaceRole { get; init; }

    /// <summary>The log-mel frontend an audio model was trained on (sample rate, mel bins, STFT window and hop).</summary>
    public LogMelOptions LogMel { get; init; } = new();

    /// <summary>Window a clip or audio model covers; default: 2 s for clips, 4 s for audio (the papers' audio windows).</summary>
    public TimeSpan? WindowLength { get; init; }

    /// <summary>Hop between windows; default: 0.5 s for clips, 2 s for audio.</summary>
    public TimeSpan? WindowHop { get; init; }

    /// <summary>Honest description of the training data, e.g. "synthetic shapes seed 3" or "random weights (parity test)".</summary>
    public string Data { get; init; } = "untrained";

    /// <summary>Held-out metrics to record in the provenance (e.g. accuracy, macroF1).</summary>
    public IReadOnlyDictionary<string, double>? HeldOut { get; init; }
}
