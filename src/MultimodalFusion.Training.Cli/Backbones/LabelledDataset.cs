using System.Text.Json;
using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Dvd;

namespace MultimodalFusion.Training.Cli.Backbones;

/// <summary>
/// The annotated videos of a dataset folder in its published layout, as <c>mmf synth</c> writes it: Aff-Wild2
/// (<c>annotations/*Challenge*/SPLIT/NAME.txt</c>, <c>cropped_aligned/NAME/</c>, <c>audio/NAME.wav</c>) or DVD
/// (<c>SPLIT/labels/NAME.csv</c>, <c>SPLIT/frames/NAME/</c>, <c>SPLIT/audio/NAME.wav</c>).
/// </summary>
/// <remarks>
/// The frame rate comes from <c>synth.json</c> (<c>settings.fps</c>) when the folder has one, else from the caller.
/// Label files are read by the Datasets readers, whose errors name the file and line.
/// </remarks>
internal sealed class LabelledDataset
{
    private LabelledDataset(string root, bool isDvd, double fps, IReadOnlyList<LabelledVideo> videos)
    {
        (Root, IsDvd, Fps, Videos) = (root, isDvd, fps, videos);
    }

    /// <summary>The dataset folder (full path).</summary>
    public string Root { get; }

    /// <summary>True for the DVD layout (violence), false for Aff-Wild2 (emotion).</summary>
    public bool IsDvd { get; }

    /// <summary>Frames per second of the label timeline.</summary>
    public double Fps { get; }

    /// <summary>Every annotated video of the splits read, in split then name order.</summary>
    public IReadOnlyList<LabelledVideo> Videos { get; }

    /// <summary>The training split's videos (a split named *train*).</summary>
    public IEnumerable<LabelledVideo> Training => Videos.Where(v => v.Split.Contains("train", StringComparison.OrdinalIgnoreCase));

    /// <summary>The validation split's videos (a split named *val*).</summary>
    public IEnumerable<LabelledVideo> Validation => Videos.Where(v => v.Split.Contains("val", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads <paramref name="root"/> for <paramref name="targets"/>; throws naming the folder when the layout or labels are missing.</summary>
    public static LabelledDataset Open(string root, BackboneTargets targets, double fallbackFps)
    {
        string full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException($"--data: dataset folder {full} does not exist.");
        double fps = SynthFps(full) ?? fallbackFps;
        bool dvd = targets.Task == "violence";
        var videos = dvd ? ReadDvd(full) : ReadAffWild2(full, targets);
        if (videos.Count == 0)
            throw new InvalidDataException($"--data: no annotated videos for task {targets.Task} in {full} " +
                (dvd ? "(expected SPLIT/labels/NAME.csv, the DVD layout)." : "(expected annotations/*Challenge*/SPLIT/NAME.txt, the Aff-Wild2 layout)."));
        return new LabelledDataset(full, dvd, fps, videos);
    }

    private static List<LabelledVideo> ReadDvd(string root)
    {
        var layout = new DvdLayout(root);
        var videos = new List<LabelledVideo>();
        foreach (string split in layout.Splits())
            foreach (DvdEntry entry in layout.Entries(split))
            {
                DvdLabels labels = DvdLabelFile.Read(entry.LabelPath);
                int frames = labels.Count == 0 ? 0 : labels.FrameNumbers.Max();
                videos.Add(new LabelledVideo(entry.VideoName, split, entry.FramesDirectory, layout.FindAudio(split, entry.VideoName),
                    null, null, labels.ToDense(frames)));
            }
        return videos;
    }

    private static List<LabelledVideo> ReadAffWild2(string root, BackboneTargets targets)
    {
        var layout = new AffWild2Layout(root);
        var byName = new SortedDictionary<(string Split, string Name), LabelledVideo>();
        foreach (string split in new[] { AffWild2Splits.Train, AffWild2Splits.Validation })
        {
            if (targets.NeedsVa && layout.FindSplitDirectory(AffWild2Challenge.VA, split) is not null)
                foreach (AffWild2Entry entry in layout.Entries(AffWild2Challenge.VA, split))
                {
                    VaAnnotation va = VaFile.Read(entry.AnnotationPath);
                    float[] interleaved = new float[2 * va.FrameCount];
                    for (int i = 0; i < va.FrameCount; i++)
                        (interleaved[2 * i], interleaved[2 * i + 1]) = (va.Valence[i], va.Arousal[i]);
                    var key = (split, entry.Name.Name);
                    byName[key] = Get(byName, key, entry, layout) with { Va = interleaved };
                }
            if (targets.NeedsExpr && layout.FindSplitDirectory(AffWild2Challenge.EXPR, split) is not null)
                foreach (AffWild2Entry entry in layout.Entries(AffWild2Challenge.EXPR, split))
                {
                    var key = (split, entry.Name.Name);
                    byName[key] = Get(byName, key, entry, layout) with { Expr = ExprFile.Read(entry.AnnotationPath).Labels };
                }
        }
        // va+expr trains on frames that have both; a video with only one track cannot give targets.
        return byName.Values.Where(v => (!targets.NeedsVa || v.Va is not null) && (!targets.NeedsExpr || v.Expr is not null)).ToList();
    }

    private static LabelledVideo Get(SortedDictionary<(string, string), LabelledVideo> byName, (string, string) key, AffWild2Entry entry, AffWild2Layout layout) =>
        byName.TryGetValue(key, out var existing) ? existing
            : new LabelledVideo(entry.Name.Name, entry.Split, entry.FramesDirectory, layout.FindAudio(entry.Name), null, null, null);

    private static double? SynthFps(string root)
    {
        string path = Path.Combine(root, "synth.json");
        if (!File.Exists(path))
            return null;
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.TryGetProperty("settings", out var settings) && settings.TryGetProperty("fps", out var fps)
            && fps.TryGetDouble(out double value) && value > 0 ? value : null;
    }
}
