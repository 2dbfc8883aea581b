namespace MultimodalFusion.Datasets.Dvd;

/// <summary>The folder layout of a DVD (violence) dataset, for reading and for writing one in the same shape.</summary>
/// <remarks>
/// <code>
/// ROOT/SPLIT/frames/VIDEO/00001.jpg ...   (1-based, 5 digits; see <see cref="AffWild2.FrameFolder"/>)
/// ROOT/SPLIT/labels/VIDEO.csv             (Frame_Number,Label; see <see cref="DvdLabelFile"/>)
/// ROOT/SPLIT/videos/VIDEO.mp4             (optional: the source clip with its audio)
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

    /// <summary>Where the source clip of <paramref name="videoName"/> is kept (optional).</summary>
    public string VideoPath(string split, string videoName, string extension = ".mp4") =>
        Path.Combine(Root, split, "videos", videoName + extension);

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
