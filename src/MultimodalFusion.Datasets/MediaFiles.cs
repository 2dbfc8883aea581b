namespace MultimodalFusion.Datasets;

/// <summary>
/// The file names and extensions of the media kept beside a dataset's annotations, shared by
/// <see cref="AffWild2.AffWild2Layout"/> and <see cref="Dvd.DvdLayout"/> so that every reader and writer
/// (<c>mmf synth</c>, <c>mmf features</c>) agrees on them.
/// </summary>
/// <remarks>
/// Neither published layout has a place for audio or transcripts; this project keeps one 16 kHz mono WAV and one
/// SubRip transcript per <em>video</em> (not per annotated subject) in <see cref="AudioFolder"/> and
/// <see cref="TranscriptFolder"/> beside the videos. Stateless, thread-safe.
/// </remarks>
public static class MediaFiles
{
    /// <summary>Folder name of the per-video WAV files.</summary>
    public const string AudioFolder = "audio";

    /// <summary>Folder name of the per-video SRT transcripts.</summary>
    public const string TranscriptFolder = "transcripts";

    /// <summary>Folder name of the video files.</summary>
    public const string VideoFolder = "videos";

    /// <summary>Extension of an audio file, with its dot.</summary>
    public const string AudioExtension = ".wav";

    /// <summary>Extension of a transcript file, with its dot.</summary>
    public const string TranscriptExtension = ".srt";

    /// <summary>Video file extensions looked for, in order of preference (with their dots); the first is the one written.</summary>
    public static IReadOnlyList<string> VideoExtensions { get; } = [".mp4", ".avi"];

    /// <summary><paramref name="path"/> when that file exists, otherwise null.</summary>
    public static string? Existing(string path) => File.Exists(path) ? path : null;
}
