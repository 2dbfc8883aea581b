using MultimodalFusion.Capture;

namespace MultimodalFusion.Cli.Probe;

/// <summary>Gives each source a short, unique stream id for metrics and logs (never a URL with credentials).</summary>
internal sealed class SourceIds
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string For(SourceSpec spec)
    {
        string baseId = spec.Kind switch
        {
            SourceKind.VideoFile or SourceKind.WavFile or SourceKind.AudioFile or SourceKind.TranscriptFile
                => Path.GetFileNameWithoutExtension(spec.Target),
            SourceKind.Camera => "camera" + new string(spec.Target.Where(char.IsDigit).ToArray()),
            SourceKind.NetworkVideo => Uri.TryCreate(spec.Target, UriKind.Absolute, out var uri) ? $"{uri.Scheme}-{uri.Host}" : "stream",
            SourceKind.Microphone => spec.Target.Length > 0 ? $"mic-{spec.Target}" : "mic",
            SourceKind.LiveTranscript => "stdin",
            _ => $"asr-{spec.Engine}",
        };
        string id = baseId.Length > 0 ? baseId : "source";
        for (int n = 2; !_used.Add(id); n++)
            id = $"{baseId}-{n}";
        return id;
    }
}
