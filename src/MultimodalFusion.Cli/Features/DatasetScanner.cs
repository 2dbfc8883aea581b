using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Datasets.Dvd;

namespace MultimodalFusion.Cli.Features;

/// <summary>Detects a dataset's layout (Aff-Wild2 or DVD) and lists the videos of a task and its splits.</summary>
/// <remarks>
/// Aff-Wild2 is recognised by a VA or EXPR challenge folder (any release's name, see <see cref="AffWild2Layout"/>),
/// DVD by split folders holding <c>labels/</c>. Videos, audio and transcripts are looked for where the layouts put
/// them (<see cref="AffWild2Layout.AudioPath(AnnotationName)"/>, <see cref="DvdLayout.AudioPath"/>, ..., the same
/// places <c>mmf synth</c> writes to); a missing one just leaves that modality empty.
/// </remarks>
public static class DatasetScanner
{
    /// <summary>The Aff-Wild2 split names looked for when no split is given.</summary>
    public static IReadOnlyList<string> AffWild2DefaultSplits { get; } = [AffWild2Splits.Train, AffWild2Splits.Validation];

    /// <summary>True when <paramref name="root"/> holds an Aff-Wild2 annotation folder.</summary>
    public static bool IsAffWild2(string root)
    {
        var layout = new AffWild2Layout(root);
        return Directory.Exists(root) && EnumerateSplits(layout).Any();
    }

    /// <summary>The task to use by default for the dataset at <paramref name="root"/>.</summary>
    public static string DefaultTask(string root) => IsAffWild2(root) ? FeatureCacheTask.VaExpr : FeatureCacheTask.Violence;

    /// <summary>
    /// Every video of <paramref name="task"/> in <paramref name="splits"/> (null or empty: all splits found), sorted by split and id.
    /// Throws <see cref="ArgumentException"/> naming the folder when the layout does not fit the task or has no videos.
    /// </summary>
    public static IReadOnlyList<DatasetVideo> Scan(string root, string task, IReadOnlyList<string>? splits)
    {
        bool affWild2 = IsAffWild2(root);
        if (affWild2 == FeatureCacheTask.NeedsViolence(task))
        {
            throw new ArgumentException(affWild2
                ? $"{Path.GetFullPath(root)} is an Aff-Wild2 dataset; task '{task}' needs a DVD dataset (use va, expr or va+expr)."
                : $"{Path.GetFullPath(root)} has no Aff-Wild2 annotation folder (VA_Estimation_Challenge, EXPR_Recognition_Challenge, ...); task '{task}' needs one.");
        }
        var videos = affWild2 ? ScanAffWild2(new AffWild2Layout(root), task, splits) : ScanDvd(new DvdLayout(root), splits);
        if (videos.Count == 0)
            throw new ArgumentException($"no videos of task '{task}' found in {Path.GetFullPath(root)} (splits: {(splits is { Count: > 0 } ? string.Join(", ", splits) : "all")}).");
        return videos;
    }

    private static IEnumerable<string> EnumerateSplits(AffWild2Layout layout)
    {
        foreach (AffWild2Challenge challenge in Enum.GetValues<AffWild2Challenge>())
            foreach (string split in AffWild2DefaultSplits)
                if (layout.FindSplitDirectory(challenge, split) is not null)
                    yield return split;
    }

    private static List<DatasetVideo> ScanAffWild2(AffWild2Layout layout, string task, IReadOnlyList<string>? splits)
    {
        var wanted = splits is { Count: > 0 } ? splits : EnumerateSplits(layout).Distinct().ToList();
        var result = new List<DatasetVideo>();
        foreach (string split in wanted)
        {
            var va = Find(layout, AffWild2Challenge.VA, split, FeatureCacheTask.NeedsVa(task));
            var expr = Find(layout, AffWild2Challenge.EXPR, split, FeatureCacheTask.NeedsExpr(task));
            foreach (string name in va.Keys.Union(expr.Keys).Order(StringComparer.Ordinal))
            {
                AffWild2Entry entry = va.GetValueOrDefault(name) ?? expr[name];
                string? frames = entry.HasFrames ? entry.FramesDirectory : null;
                result.Add(new DatasetVideo(split, name, entry.VideoPath, frames, FaceCrop: frames is null,
                    layout.FindAudio(entry.Name), layout.FindTranscript(entry.Name),
                    VaPath: va.GetValueOrDefault(name)?.AnnotationPath, ExprPath: expr.GetValueOrDefault(name)?.AnnotationPath));
            }
        }
        return result;
    }

    // The entries of one challenge's split, by annotation name; none when the task does not use the challenge
    // or the split folder is absent (a va+expr cache may cover videos annotated for one challenge only).
    private static Dictionary<string, AffWild2Entry> Find(AffWild2Layout layout, AffWild2Challenge challenge, string split, bool used)
    {
        if (!used || layout.FindSplitDirectory(challenge, split) is null)
            return [];
        return layout.Entries(challenge, split).ToDictionary(e => e.Name.Name, StringComparer.Ordinal);
    }

    private static List<DatasetVideo> ScanDvd(DvdLayout layout, IReadOnlyList<string>? splits)
    {
        var found = layout.Splits();
        var wanted = splits is { Count: > 0 } ? splits : found;
        var result = new List<DatasetVideo>();
        foreach (string split in wanted)
        {
            foreach (DvdEntry entry in layout.Entries(split))
            {
                string? frames = entry.HasFrames ? entry.FramesDirectory : null;
                result.Add(new DatasetVideo(split, entry.VideoName, layout.FindVideo(split, entry.VideoName), frames, FaceCrop: false,
                    layout.FindAudio(split, entry.VideoName), layout.FindTranscript(split, entry.VideoName),
                    DvdLabelPath: entry.LabelPath));
            }
        }
        return result;
    }
}
