using MultimodalFusion.Capture;

namespace MultimodalFusion.Cli.Probe;

/// <summary>Checks a <see cref="ProbeSettings"/> before anything opens; throws <see cref="ArgumentException"/> naming the option.</summary>
internal static class ProbeSettingsValidator
{
    public static void Validate(ProbeSettings s)
    {
        if (s.Window <= TimeSpan.Zero)
            throw new ArgumentException($"--window must be positive (got {s.Window}).");
        if (s.Hop <= TimeSpan.Zero || s.Hop > s.Window)
            throw new ArgumentException($"--hop must be positive and at most --window (got hop {s.Hop}, window {s.Window}).");
        if (s.Deadline < TimeSpan.Zero)
            throw new ArgumentException($"--deadline must not be negative (got {s.Deadline}).");
        if (s.VideoFps is <= 0)
            throw new ArgumentException($"--fps must be positive (got {s.VideoFps}).");
        if (s.MaxRestarts is < 0)
            throw new ArgumentException($"--max-restarts must not be negative (got {s.MaxRestarts}).");
        if (s.MetricsEvery <= TimeSpan.Zero)
            throw new ArgumentException($"--metrics-every must be positive (got {s.MetricsEvery}).");
        if (s.Sources.Count == 0)
            throw new ArgumentException("No sources to open.");
        if (s.Sources.Count(x => x.Kind == SourceKind.LiveTranscript) > 1)
            throw new ArgumentException("stdin:jsonl can be given once: there is one standard input.");
        var asr = s.Sources.FirstOrDefault(x => x.Kind == SourceKind.Asr);
        if (asr is not null && !s.Sources.Any(x => x.Modality == Core.Packets.Modality.Audio))
            throw new ArgumentException($"{asr.Display} transcribes an audio source; add one (a .wav file, mic:, ...).");
        if (!s.Sources.Any(x => x.Modality == Core.Packets.Modality.Video))
            throw new ArgumentException("Windows are laid on the video stream: give at least one video source (a file, camera:N or rtsp://...).");
        foreach (var file in s.Sources.Where(x => x.Kind is SourceKind.VideoFile or SourceKind.WavFile or SourceKind.AudioFile or SourceKind.TranscriptFile))
            if (!File.Exists(file.Target))
                throw new FileNotFoundException($"{file.Display}: no such file.", file.Target);
    }
}
