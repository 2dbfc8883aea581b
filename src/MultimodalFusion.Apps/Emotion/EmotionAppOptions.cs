using MultimodalFusion.Capture;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>What an emotion run reads, which models it uses, where it writes and when it stops.</summary>
public sealed record EmotionAppOptions
{
    /// <summary>The sources: exactly one video source (file, camera or stream), and optionally audio and text sources.</summary>
    public required IReadOnlyList<SourceSpec> Sources { get; init; }

    /// <summary>The default model folder: the emotion profile's models under <c>onnx/</c> (tools/build-default-models.sh).</summary>
    public static string DefaultModelsDirectory { get; } = ModelCatalog.EmotionFolder;

    /// <summary>Folder searched for the models by manifest (default <c>onnx/emotion</c>).</summary>
    public string ModelsDirectory { get; init; } = DefaultModelsDirectory;

    /// <summary>Folder for the per-window lines, the summary and the trajectory PNG; null writes no files.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Format of the per-window file (<c>emotion.jsonl</c> or <c>emotion.csv</c>).</summary>
    public EmotionOutputFormat Format { get; init; } = EmotionOutputFormat.Jsonl;

    /// <summary>Pace file sources at real time, as a live source would deliver them.</summary>
    public bool Realtime { get; init; }

    /// <summary>Stop after this long (wall time); null runs until every source has ended or the run is cancelled.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Window length; null takes the VA model's manifest window.</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>Window hop; null takes the VA model's manifest hop.</summary>
    public TimeSpan? Hop { get; init; }

    /// <summary>
    /// Longest wait after a window's end for a slow modality before it is fused with a presence mask; applies to live
    /// sources and <see cref="Realtime"/> runs (files read at full speed wait for their data).
    /// </summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time constant of the valence/arousal smoothing (<see cref="VaSmoother"/>).</summary>
    public TimeSpan SmoothingTimeConstant { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Restarts per live source before it counts as failed; null = unlimited.</summary>
    public int? MaxLiveRestarts { get; init; } = 5;

    /// <summary>Where the packaged MiniLM DLL is; null: beside the binaries.</summary>
    public string? MiniLmDllPath { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the option, or <see cref="FileNotFoundException"/> naming a missing file.</summary>
    public void Validate()
    {
        if (Sources is null || Sources.Count(s => s.Modality == Modality.Video) != 1)
            throw new ArgumentException($"give exactly one video source (a file, camera:N or rtsp://...); got {Sources?.Count(s => s.Modality == Modality.Video) ?? 0}.");
        if (Sources.Count(s => s.Modality == Modality.Audio) > 1)
            throw new ArgumentException("give at most one audio source (--audio FILE or --mic).");
        if (Sources.Count(s => s.Kind == SourceKind.LiveTranscript) > 1)
            throw new ArgumentException("stdin:jsonl can be given once: there is one standard input.");
        if (Sources.FirstOrDefault(s => s.Kind == SourceKind.Asr) is { } asr && !Sources.Any(s => s.Modality == Modality.Audio))
            throw new ArgumentException($"{asr.Display} transcribes the audio source; add one (--audio FILE or --mic).");
        if (Window is { } w && w <= TimeSpan.Zero)
            throw new ArgumentException($"--window must be positive (got {w}).");
        if (Hop is { } h && (h <= TimeSpan.Zero || (Window is { } w2 && h > w2)))
            throw new ArgumentException($"--hop must be positive and at most --window (got {h}).");
        if (Deadline < TimeSpan.Zero)
            throw new ArgumentException($"--deadline must not be negative (got {Deadline}).");
        if (Duration is { } d && d <= TimeSpan.Zero)
            throw new ArgumentException($"--duration must be positive (got {d}).");
        if (SmoothingTimeConstant < TimeSpan.Zero)
            throw new ArgumentException($"the smoothing time constant must not be negative (got {SmoothingTimeConstant}).");
        if (MaxLiveRestarts is < 0)
            throw new ArgumentException($"--max-restarts must not be negative (got {MaxLiveRestarts}).");
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelsDirectory, "--models");
        foreach (var file in Sources.Where(s => s.Kind is SourceKind.VideoFile or SourceKind.WavFile or SourceKind.AudioFile or SourceKind.TranscriptFile))
        {
            if (!File.Exists(file.Target))
                throw new FileNotFoundException($"{file.Display}: no such file.", file.Target);
        }
    }
}
