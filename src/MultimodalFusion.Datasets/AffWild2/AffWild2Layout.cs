namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>
/// The folder layout of an Aff-Wild2 (ABAW) release, for reading it and for writing a dataset in the same shape.
/// </summary>
/// <remarks>
/// <code>
/// ROOT/annotations/VA_Estimation_Challenge/{Train_Set,Validation_Set}/NAME.txt
/// ROOT/annotations/EXPR_Recognition_Challenge/{Train_Set,Validation_Set}/NAME.txt
/// ROOT/cropped_aligned/NAME/00001.jpg ...          (one folder per annotation name)
/// ROOT/videos/VIDEO.mp4 | VIDEO.avi                 (sub-folders such as batch1/ are searched too)
/// ROOT/audio/VIDEO.wav                              (this project's: 16 kHz mono, one per video)
/// ROOT/transcripts/VIDEO.srt                        (this project's: SubRip, one per video)
/// </code>
/// NAME is <c>VIDEO</c>, <c>VIDEO_left</c> or <c>VIDEO_right</c> (<see cref="AnnotationName"/>); the two subjects of a
/// <c>_left/_right</c> pair share their video's file, audio and transcript. The published
/// archives name their folders differently from year to year; when reading, the challenge folders are looked for
/// in <c>ROOT/annotations</c>, then in any folder of ROOT whose name contains "annotations" (e.g.
/// <c>6th ABAW Annotations</c>), then in ROOT itself, under each name of <see cref="ChallengeFolderAliases"/>
/// (<c>VA_Set</c>, <c>EXPR_Classification_Challenge</c>, <c>EXPR_Set</c> in older releases). Writing always
/// uses the first form above.
/// The video index is built once on first use; create a new layout after adding videos.
/// </remarks>
public sealed class AffWild2Layout
{
    /// <summary>Video file extensions looked for, in order of preference (<see cref="MediaFiles.VideoExtensions"/>).</summary>
    public static IReadOnlyList<string> VideoExtensions => MediaFiles.VideoExtensions;

    private readonly Lazy<Dictionary<string, string>> _videos;

    /// <summary>Creates the layout rooted at <paramref name="root"/> (nothing is read or created yet).</summary>
    public AffWild2Layout(string root)
    {
        Root = Path.GetFullPath(root);
        _videos = new Lazy<Dictionary<string, string>>(IndexVideos);
    }

    /// <summary>The dataset root.</summary>
    public string Root { get; }

    /// <summary><c>ROOT/cropped_aligned</c>.</summary>
    public string CroppedAlignedDirectory => Path.Combine(Root, "cropped_aligned");

    /// <summary><c>ROOT/videos</c>.</summary>
    public string VideosDirectory => Path.Combine(Root, MediaFiles.VideoFolder);

    /// <summary><c>ROOT/audio</c>.</summary>
    public string AudioDirectory => Path.Combine(Root, MediaFiles.AudioFolder);

    /// <summary><c>ROOT/transcripts</c>.</summary>
    public string TranscriptsDirectory => Path.Combine(Root, MediaFiles.TranscriptFolder);

    /// <summary>The folder name of <paramref name="challenge"/>.</summary>
    public static string ChallengeFolderName(AffWild2Challenge challenge) => challenge switch
    {
        AffWild2Challenge.VA => "VA_Estimation_Challenge",
        AffWild2Challenge.EXPR => "EXPR_Recognition_Challenge",
        _ => throw new ArgumentOutOfRangeException(nameof(challenge), challenge, null),
    };

    /// <summary>Where annotation files of <paramref name="challenge"/>/<paramref name="split"/> are written.</summary>
    public string SplitDirectory(AffWild2Challenge challenge, string split) =>
        Path.Combine(Root, "annotations", ChallengeFolderName(challenge), split);

    /// <summary>Where annotation <paramref name="name"/> is written.</summary>
    public string AnnotationPath(AffWild2Challenge challenge, string split, AnnotationName name) =>
        Path.Combine(SplitDirectory(challenge, split), name.Name + ".txt");

    /// <summary>The cropped-aligned folder of annotation <paramref name="name"/>.</summary>
    public string FramesDirectory(AnnotationName name) => Path.Combine(CroppedAlignedDirectory, name.Name);

    /// <summary>Where a video is written: <c>ROOT/videos/VIDEO.ext</c> (<paramref name="extension"/> with its dot).</summary>
    public string VideoPathForWriting(string videoName, string extension = ".mp4") =>
        Path.Combine(VideosDirectory, videoName + extension);

    /// <summary>The 16 kHz mono WAV of video <paramref name="videoName"/>: <c>ROOT/audio/VIDEO.wav</c> (it may not exist).</summary>
    public string AudioPath(string videoName) => Path.Combine(AudioDirectory, videoName + MediaFiles.AudioExtension);

    /// <summary>The WAV of annotation <paramref name="name"/>'s video: <c>VIDEO_left</c> and <c>VIDEO_right</c> share <c>audio/VIDEO.wav</c>.</summary>
    public string AudioPath(AnnotationName name) => AudioPath(name.VideoName);

    /// <summary>The SRT transcript of video <paramref name="videoName"/>: <c>ROOT/transcripts/VIDEO.srt</c> (it may not exist).</summary>
    public string TranscriptPath(string videoName) => Path.Combine(TranscriptsDirectory, videoName + MediaFiles.TranscriptExtension);

    /// <summary>The transcript of annotation <paramref name="name"/>'s video: <c>VIDEO_left</c> and <c>VIDEO_right</c> share <c>transcripts/VIDEO.srt</c>.</summary>
    public string TranscriptPath(AnnotationName name) => TranscriptPath(name.VideoName);

    /// <summary>The WAV of <paramref name="name"/>'s video, or null when the file does not exist.</summary>
    public string? FindAudio(AnnotationName name) => MediaFiles.Existing(AudioPath(name));

    /// <summary>The transcript of <paramref name="name"/>'s video, or null when the file does not exist.</summary>
    public string? FindTranscript(AnnotationName name) => MediaFiles.Existing(TranscriptPath(name));

    /// <summary>The challenge folder names accepted when reading, the current (written) name first.</summary>
    public static IReadOnlyList<string> ChallengeFolderAliases(AffWild2Challenge challenge) => challenge switch
    {
        AffWild2Challenge.VA => ["VA_Estimation_Challenge", "VA_Set"],
        AffWild2Challenge.EXPR => ["EXPR_Recognition_Challenge", "EXPR_Classification_Challenge", "EXPR_Set"],
        _ => throw new ArgumentOutOfRangeException(nameof(challenge), challenge, null),
    };

    /// <summary>The existing split folder of <paramref name="challenge"/>/<paramref name="split"/>, or null when absent.</summary>
    public string? FindSplitDirectory(AffWild2Challenge challenge, string split)
    {
        foreach (string parent in AnnotationParents())
            foreach (string challengeName in ChallengeFolderAliases(challenge))
            {
                string dir = Path.Combine(parent, challengeName, split);
                if (Directory.Exists(dir))
                    return dir;
            }
        return null;
    }

    // ROOT/annotations first (what this project writes), then the published archives' own folder names
    // ("Annotations", "Third ABAW Annotations", "6th ABAW Annotations", ...), then ROOT itself.
    private IEnumerable<string> AnnotationParents()
    {
        yield return Path.Combine(Root, "annotations");
        if (!Directory.Exists(Root))
            yield break;
        foreach (string dir in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dir);
            if (name != "annotations" && name.Contains("annotations", StringComparison.OrdinalIgnoreCase))
                yield return dir;
        }
        yield return Root;
    }

    /// <summary>The video file of <paramref name="videoName"/>, or null when none is in the videos folder.</summary>
    public string? FindVideo(string videoName) => _videos.Value.GetValueOrDefault(videoName);

    /// <summary>
    /// Every annotation of <paramref name="challenge"/>/<paramref name="split"/>, sorted by name; a missing split
    /// folder throws <see cref="DirectoryNotFoundException"/> naming the places looked in.
    /// </summary>
    public IReadOnlyList<AffWild2Entry> Entries(AffWild2Challenge challenge, string split)
    {
        string dir = FindSplitDirectory(challenge, split)
            ?? throw new DirectoryNotFoundException(
                $"Aff-Wild2 split folder {ChallengeFolderName(challenge)}/{split} not found under {Root} (looked for {string.Join(", ", ChallengeFolderAliases(challenge))} in annotations/, folders named like '*annotations*' and the root).");
        var entries = new List<AffWild2Entry>();
        foreach (string file in Directory.EnumerateFiles(dir, "*.txt").Order(StringComparer.Ordinal))
        {
            var name = AnnotationName.Parse(file);
            entries.Add(new AffWild2Entry(name, split, file, FindVideo(name.VideoName), FramesDirectory(name)));
        }
        return entries;
    }

    private Dictionary<string, string> IndexVideos()
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(VideosDirectory))
            return index;
        foreach (string ext in VideoExtensions)
            foreach (string file in Directory.EnumerateFiles(VideosDirectory, "*" + ext, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                index.TryAdd(Path.GetFileNameWithoutExtension(file), file);
        return index;
    }
}
