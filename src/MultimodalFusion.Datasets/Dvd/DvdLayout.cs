namespace MultimodalFusion.Datasets.Dvd;

/// <summary>The folder layout of a DVD (violence) dataset, for reading and for writing one in the same shape.</summary>
/// <remarks>
/// <code>
/// ROOT/SPLIT/frames/VIDEO/00001.jpg ...   (1-based, 5 digits; see <see cref="AffWild2.FrameFolder"/>)
/// ROOT/SPLIT/labels/VIDEO.csv             (Frame_Number,Label; see <see cref="DvdLabelFile"/>)
/// ROOT/SPLIT/videos/VIDEO.mp4 | VIDEO.avi (optional: the source clip with its audio)
/// ROOT/SPLIT/audio/VIDEO.wav              (optional, this project's: 16 kHz mono)
/// ROOT/SPLIT/transcripts/VIDEO.srt        (optional, this project's: SubRip)
/// </code>
/// SPLIT is any folder name (<c>train</c>, <c>val</c>, <c>test</c> by convention). The published description
/// fixes frame folders per video with per-frame binary labels; the folder names above are this project's reading.
/// Stateless apart from the root; thread-safe.
/// </remarks>
public sealed class DvdLayout
{
    /// <summary>Creates the layout rooted at <paramref name="root"/> (nothing is read or created).</summary>
    public DvdLayout(string root) => Root = Path.GetFullPath(root);

    /// <summary>The dataset root.</summary>
    public string Root { get; }

    /// <summary>The frame folder of <paramref name="videoName"/>.</summary>
    public string FramesDirectory(string split, string videoName) => Path.Combine(Root, split, "frames", videoName);

    /// <summary>The ground-truth CSV of <paramref name="videoName"/>.</summary>
    public string LabelPath(string split, string videoName) => Path.Combine(Root, split, "labels", videoName + ".csv");

    /// <summary>Where the source clip of <paramref name="videoName"/> is kept (optional): <c>ROOT/SPLIT/videos/VIDEO.ext</c>.</summary>
    public string VideoPath(string split, string videoName, string extension = ".mp4") =>
        Path.Combine(Root, split, MediaFiles.VideoFolder, videoName + extension);

    /// <summary>The existing clip of <paramref name="videoName"/> (extensions tried in <see cref="MediaFiles.VideoExtensions"/> order), or null.</summary>
    public string? FindVideo(string split, string videoName) =>
        MediaFiles.VideoExtensions.Select(ext => MediaFiles.Existing(VideoPath(split, videoName, ext))).FirstOrDefault(p => p is not null);

    /// <summary>The 16 kHz mono WAV of <paramref name="videoName"/>: <c>ROOT/SPLIT/audio/VIDEO.wav</c> (it may not exist).</summary>
    public string AudioPath(string split, string videoName) =>
        Path.Combine(Root, split, MediaFiles.AudioFolder, videoName + MediaFiles.AudioExtension);

    /// <summary>The SRT transcript of <paramref name="videoName"/>: <c>ROOT/SPLIT/transcripts/VIDEO.srt</c> (it may not exist).</summary>
    public string TranscriptPath(string split, string videoName) =>
        Path.Combine(Root, split, MediaFiles.TranscriptFolder, videoName + MediaFiles.TranscriptExtension);

    /// <summary>The WAV of <paramref name="videoName"/>, or null when the file does not exist.</summary>
    public string? FindAudio(string split, string videoName) => MediaFiles.Existing(AudioPath(split, videoName));

    /// <summary>The transcript of <paramref name="videoName"/>, or null when the file does not exist.</summary>
    public string? FindTranscript(string split, string videoName) => MediaFiles.Existing(TranscriptPath(split, videoName));

    /// <summary>Split folders that hold a <c>labels</c> folder, sorted.</summary>
    public IReadOnlyList<string> Splits()
    {
        if (!Directory.Exists(Root))
            throw new DirectoryNotFoundException($"DVD dataset folder not found: {Root}");
        return Directory.EnumerateDirectories(Root)
            .Where(d => Directory.Exists(Path.Combine(d, "labels")))
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every video of <paramref name="split"/> (one per label file), sorted by name.</summary>
    public IReadOnlyList<DvdEntry> Entries(string split)
    {
        string labels = Path.Combine(Root, split, "labels");
        if (!Directory.Exists(labels))
            throw new DirectoryNotFoundException($"DVD label folder not found: {labels}");
        return Directory.EnumerateFiles(labels, "*.csv")
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Select(v => new DvdEntry(v, split, LabelPath(split, v), FramesDirectory(split, v)))
            .ToList();
    }
}
