using MultimodalFusion.Training.Models;

namespace MultimodalFusion.Training.Cli.Commands;

/// <summary>What <c>mmf-train train</c> was asked to do, after parsing.</summary>
internal sealed record TrainSettings
{
    public required string Task { get; init; }
    public required string Data { get; init; }
    public required string Out { get; init; }
    public FusionKind Fusion { get; init; } = FusionKind.CrossAttention;
    public int Epochs { get; init; } = 30;
    public int Seed { get; init; } = 7;
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Hop { get; init; } = TimeSpan.FromSeconds(0.5);
    public bool Augment { get; init; } = true;
    public bool AutoEncoder { get; init; } = true;
    public bool ModalityDropout { get; init; } = true;

    /// <summary>Chance per window and stream that the stream is dropped in training (when <see cref="ModalityDropout"/>).</summary>
    public double ModalityDropoutRate { get; init; } = 0.1;
    public IReadOnlyList<string>? Modalities { get; init; }
    public string? Resume { get; init; }

    /// <summary>libtorch intra-op threads (1: the fastest for these small models on a shared 2-core machine).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>VA only: add the per-frame head (classification tasks always have one).</summary>
    public bool VaFrameHead { get; init; }

    /// <summary>Weight of the per-frame loss next to the window loss.</summary>
    public double FrameLossWeight { get; init; } = 1.0;

    /// <summary>Whether the model gets a per-frame head: always for classification (not late fusion), on request for VA.</summary>
    public bool FrameHead => Fusion != FusionKind.LateFusion && (Task != "va" || VaFrameHead);

    /// <summary>Free text appended to the manifest's data provenance (e.g. where the held-out split came from).</summary>
    public string? Note { get; init; }

    /// <summary>The settings in one line, for the manifest's provenance.</summary>
    public string Describe() =>
        $"fusion {Fusion}, epochs {Epochs}, seed {Seed}, window {Window.TotalSeconds}s hop {Hop.TotalSeconds}s, " +
        $"augment {(Augment ? "on" : "off")}, auto-encoder {(AutoEncoder ? "on" : "off")}, modality dropout {(ModalityDropout ? ModalityDropoutRate.ToString(System.Globalization.CultureInfo.InvariantCulture) : "off")}" +
        (FrameHead && Task == "va" ? $", per-frame head (loss weight {FrameLossWeight.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : "") +
        (Modalities is { Count: > 0 } m ? $", modalities {string.Join("+", m)}" : "");

    /// <summary>Model name per task: va-fusion, expr-fusion, violence-fusion.</summary>
    public string ModelName => $"{Task}-fusion";

    /// <summary>The fusion kind named on the command line.</summary>
    public static FusionKind ParseFusion(string name) => name switch
    {
        "mfm" => FusionKind.ModalWeights,
        "late" => FusionKind.LateFusion,
        _ => FusionKind.CrossAttention,
    };
}
