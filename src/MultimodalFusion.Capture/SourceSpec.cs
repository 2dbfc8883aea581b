using MultimodalFusion.Core.Diagnostics;
using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Capture;

/// <summary>One source as named on the command line or in config: the one naming scheme of DESIGN.md.</summary>
/// <param name="Text">The string as given (may hold credentials: log <see cref="Display"/> instead).</param>
/// <param name="Kind">What it names.</param>
/// <param name="Target">The path, URL, device index or name, or ASR model path; empty for defaults.</param>
/// <param name="Engine">For <see cref="SourceKind.Asr"/>: "pocketsphinx" or "whisper".</param>
public sealed record SourceSpec(string Text, SourceKind Kind, string Target, string? Engine = null)
{
    private static readonly HashSet<string> s_videoExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".mp4", ".avi", ".mkv", ".mov", ".webm", ".m4v", ".mpg", ".mpeg", ".wmv", ".flv", ".ts" };
    private static readonly HashSet<string> s_audioExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".mp3", ".flac", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".wma", ".aiff", ".aif" };
    private static readonly HashSet<string> s_transcriptExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".srt", ".vtt", ".jsonl" };

    /// <summary>The accepted forms, for help and error text.</summary>
    public const string Forms =
        "a file (video: .mp4 .avi .mkv ...; audio: .wav .mp3 .flac ...; text: .srt .vtt .jsonl), camera:N or /dev/videoN, " +
        "rtsp://... or http(s)://..., mic: or mic:NAME, asr:pocketsphinx, asr:whisper:MODEL.bin, stdin:jsonl";

    /// <summary><see cref="Text"/> with credentials redacted; safe for logs.</summary>
    public string Display => CredentialRedactor.Redact(Text);

    /// <summary>The modality this source produces.</summary>
    public Modality Modality => Kind switch
    {
        SourceKind.VideoFile or SourceKind.Camera or SourceKind.NetworkVideo => Modality.Video,
        SourceKind.WavFile or SourceKind.AudioFile or SourceKind.Microphone => Modality.Audio,
        _ => Modality.Text,
    };

    /// <summary>True for sources that run in real time by nature (cameras, streams, microphones, stdin).</summary>
    public bool IsLive => Kind is SourceKind.Camera or SourceKind.NetworkVideo or SourceKind.Microphone or SourceKind.LiveTranscript;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> naming it and the accepted forms.</summary>
    public static SourceSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Trim();
        if (s.Length == 0)
            throw new FormatException($"An empty source was given; use {Forms}.");
        if (TryParseScheme(s) is { } spec)
            return spec;
        string extension = Path.GetExtension(s);
        if (s_videoExtensions.Contains(extension))
            return new SourceSpec(text, SourceKind.VideoFile, s);
        if (extension.Equals(".wav", StringComparison.OrdinalIgnoreCase))
            return new SourceSpec(text, SourceKind.WavFile, s);
        if (s_audioExtensions.Contains(extension))
            return new SourceSpec(text, SourceKind.AudioFile, s);
        if (s_transcriptExtensions.Contains(extension))
            return new SourceSpec(text, SourceKind.TranscriptFile, s);
        throw new FormatException($"Source '{CredentialRedactor.Redact(text)}' is not a known kind (extension '{extension}'); use {Forms}.");
    }

    private static SourceSpec? TryParseScheme(string s)
    {
        if (s.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("rtsps://", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(s, UriKind.Absolute, out _))
                throw new FormatException($"Source '{CredentialRedactor.Redact(s)}' is not a valid URL.");
            return new SourceSpec(s, SourceKind.NetworkVideo, s);
        }
        if (s.StartsWith("/dev/video", StringComparison.Ordinal))
            return new SourceSpec(s, SourceKind.Camera, s);
        if (s.StartsWith("camera:", StringComparison.OrdinalIgnoreCase))
        {
            string index = s["camera:".Length..];
            if (!int.TryParse(index, out int n) || n < 0)
                throw new FormatException($"Source '{s}': camera:N needs a device number N >= 0 (camera:0 is /dev/video0).");
            return new SourceSpec(s, SourceKind.Camera, OperatingSystem.IsWindows() ? n.ToString() : $"/dev/video{n}");
        }
        if (s.StartsWith("mic:", StringComparison.OrdinalIgnoreCase) || s.Equals("mic", StringComparison.OrdinalIgnoreCase))
            return new SourceSpec(s, SourceKind.Microphone, s.Length > 4 ? s[4..] : string.Empty);
        if (s.Equals("stdin:jsonl", StringComparison.OrdinalIgnoreCase) || s.Equals("-", StringComparison.Ordinal))
            return new SourceSpec(s, SourceKind.LiveTranscript, "-");
        if (s.StartsWith("asr:", StringComparison.OrdinalIgnoreCase))
            return ParseAsr(s);
        return null;
    }

    private static SourceSpec ParseAsr(string s)
    {
        string rest = s["asr:".Length..];
        if (rest.Equals("pocketsphinx", StringComparison.OrdinalIgnoreCase))
            return new SourceSpec(s, SourceKind.Asr, string.Empty, "pocketsphinx");
        if (rest.StartsWith("whisper:", StringComparison.OrdinalIgnoreCase) && rest.Length > "whisper:".Length)
            return new SourceSpec(s, SourceKind.Asr, rest["whisper:".Length..], "whisper");
        throw new FormatException($"Source '{s}': the ASR engines are asr:pocketsphinx and asr:whisper:MODEL.bin (a ggml model file you supply).");
    }
}
