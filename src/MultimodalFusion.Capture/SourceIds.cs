namespace MultimodalFusion.Capture;

/// <summary>Gives each source a short, unique stream id for metrics and logs (never a URL with credentials).</summary>
/// <remarks>Files are named by their file name (with its extension when asked: a clip and its WAV of the same name then
/// stay apart without a number); a repeated id gets <c>-2</c>, <c>-3</c>, .... Not thread-safe: one per run.</remarks>
public sealed class SourceIds
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly bool _fileExtensions;

    /// <summary>Ids unique within this instance; <paramref name="fileExtensions"/> keeps a file's extension in its id.</summary>
    public SourceIds(bool fileExtensions = false) => _fileExtensions = fileExtensions;

    /// <summary>The id of <paramref name="spec"/>, unique among those this instance gave out.</summary>
    public string For(SourceSpec spec)
    {
        string baseId = spec.Kind switch
        {
            SourceKind.VideoFile or SourceKind.WavFile or SourceKind.AudioFile or SourceKind.TranscriptFile
                => _fileExtensions ? Path.GetFileName(spec.Target) : Path.GetFileNameWithoutExtension(spec.Target),
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
