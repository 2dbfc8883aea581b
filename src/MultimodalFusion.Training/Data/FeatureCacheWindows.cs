using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Training.Models;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Data;

/// <summary>
/// Turns cached videos (<see cref="FeatureCache"/>) into a <see cref="FusionDataset"/> of windows: length W, hop H
/// from each video's first labelled frame; per stream the rows whose timestamps fall in [start, start + W), padded
/// to the longest window of the set and masked; a stream with no rows in a window is absent (all-false mask).
/// </summary>
/// <remarks>
/// Labels come from the video's labelled frames in the window: VA = mean of the frames where both values are
/// annotated; EXPR = the most frequent annotated class (ties: the smaller index); violence = any / at least half
/// (<see cref="ViolenceWindowRule"/>). A window with no annotated frame is skipped. Classification sets also get
/// per-frame targets over the base (first) stream's steps: the label of the latest labelled frame at or before the
/// step inside the window, -1 where there is none, where it is unannotated, and on padding. The last window may run
/// past the end of the video (its tail is padding), so every frame is covered.
/// </remarks>
public static class FeatureCacheWindows
{
    /// <summary>Windows of every video of <paramref name="split"/> in <paramref name="cache"/>.</summary>
    public static FusionDataset Build(FeatureCache cache, string split, FeatureCacheWindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var entries = cache.VideosIn(split);
        if (entries.Count == 0)
        {
            throw new ArgumentException($"Feature cache {cache.Directory} has no videos in split '{split}' " +
                $"(splits: {string.Join(", ", cache.Videos.Select(v => v.Split).Distinct())}).");
        }
        return Build(entries.Select(cache.Load).ToList(), cache.Manifest.Modalities, options);
    }

    /// <summary>Windows of <paramref name="videos"/>, whose streams are described by <paramref name="cached"/>.</summary>
    public static FusionDataset Build(IReadOnlyList<CachedVideo> videos, IReadOnlyList<CacheModality> cached, FeatureCacheWindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var names = options.Modalities ?? cached.Select(m => m.Name).ToList();
        var specs = names.Select(n => cached.FirstOrDefault(m => m.Name == n) is { } m
            ? new ModalitySpec(m.Name, m.FeatureSize)
            : throw new ArgumentException($"Modality '{n}' is not in the feature cache (it has {string.Join(", ", cached.Select(c => c.Name))}).")).ToList();
        var windows = new List<WindowCut>();
        foreach (var video in videos)
            Cut(video, specs, options, windows);
        if (windows.Count == 0)
            throw new ArgumentException($"No window of {videos.Count} video(s) has an annotated {options.Task} frame.");

        int n = windows.Count;
        var features = new List<Tensor>();
        var masks = new List<Tensor>();
        for (int m = 0; m < specs.Count; m++)
        {
            int steps = Math.Max(1, windows.Max(w => w.Rows[m].Count));
            int dim = specs[m].FeatureSize;
            var values = new float[n * steps * dim];
            var present = new bool[n * steps];
            for (int i = 0; i < n; i++)
            {
                var (first, count) = windows[i].Rows[m];
                var series = windows[i].Video.Features[specs[m].Name];
                series.Data.AsSpan(first * dim, count * dim).CopyTo(values.AsSpan(i * steps * dim));
                present.AsSpan(i * steps, count).Fill(true);
            }
            features.Add(tensor(values, new long[] { n, steps, dim }));
            masks.Add(tensor(present, new long[] { n, steps }));
        }
        if (options.Task == "va")
        {
            var targets = windows.SelectMany(w => w.Va!).ToArray();
            return new FusionDataset(specs, features, masks, tensor(targets, new long[] { n, 2 }));
        }
        int baseSteps = (int)features[0].shape[1];
        var frameTargets = new long[n * baseSteps];
        for (int i = 0; i < n; i++)
            FrameTargets(windows[i], specs[0].Name, options.Task, frameTargets.AsSpan(i * baseSteps, baseSteps));
        return new FusionDataset(specs, features, masks, tensor(windows.Select(w => w.Label).ToArray(), ScalarType.Int64),
            tensor(frameTargets, new long[] { n, baseSteps }, ScalarType.Int64));
    }

    /// <summary>One window: its video, start (µs), per-stream row range, and its label (class or VA means).</summary>
    private sealed record WindowCut(CachedVideo Video, long StartMicros, long EndMicros, (int First, int Count)[] Rows, long Label, float[]? Va);

    private static void Cut(CachedVideo video, List<ModalitySpec> specs, FeatureCacheWindowOptions options, List<WindowCut> windows)
    {
        long[] frames = video.FrameTimestampsMicros;
        if (frames.Length == 0)
            return;
        long window = options.Window.Ticks / 10, hop = options.Hop.Ticks / 10;
        long span = frames[^1] - frames[0];
        long count = span < window ? 1 : (span - window + hop - 1) / hop + 1;
        for (long i = 0; i < count; i++)
        {
            long start = frames[0] + i * hop, end = start + window;
            var (firstFrame, frameCount) = Range(frames, start, end);
            var label = Label(video, options, firstFrame, frameCount);
            if (label is null)
                continue;
            var rows = specs.Select(s => Range(video.Features[s.Name].TimestampsMicros, start, end)).ToArray();
            windows.Add(new WindowCut(video, start, end, rows, label.Value.Class, label.Value.Va));
        }
    }

    private static (long Class, float[]? Va)? Label(CachedVideo video, FeatureCacheWindowOptions options, int first, int count)
    {
        switch (options.Task)
        {
            case "va":
            {
                var va = video.Va ?? throw new ArgumentException($"Video '{video.Split}/{video.Id}' has no VA labels.");
                double v = 0, a = 0;
                int valid = 0;
                for (int f = first; f < first + count; f++)
                {
                    if (float.IsNaN(va[2 * f]) || float.IsNaN(va[2 * f + 1]))
                        continue;
                    (v, a, valid) = (v + va[2 * f], a + va[2 * f + 1], valid + 1);
                }
                return valid == 0 ? null : (0, [(float)(v / valid), (float)(a / valid)]);
            }
            case "expr":
            {
                var expr = video.Expr ?? throw new ArgumentException($"Video '{video.Split}/{video.Id}' has no expression labels.");
                var votes = new int[8];
                foreach (int c in expr.AsSpan(first, count))
                {
                    if (c >= 0)
                        votes[c]++;
                }
                return votes.Sum() == 0 ? null : (Array.IndexOf(votes, votes.Max()), null);
            }
            default:
            {
                var violence = video.Violence ?? throw new ArgumentException($"Video '{video.Split}/{video.Id}' has no violence labels.");
                int violent = 0, valid = 0;
                foreach (int c in violence.AsSpan(first, count))
                {
                    if (c >= 0)
                        (violent, valid) = (violent + c, valid + 1);
                }
                if (valid == 0)
                    return null;
                bool label = options.ViolenceRule == ViolenceWindowRule.Any ? violent > 0 : 2 * violent >= valid;
                return (label ? 1 : 0, null);
            }
        }
    }

    private static void FrameTargets(WindowCut window, string baseStream, string task, Span<long> targets)
    {
        targets.Fill(-1);
        int[] labels = (task == "expr" ? window.Video.Expr : window.Video.Violence)!;
        long[] frames = window.Video.FrameTimestampsMicros;
        var (first, count) = window.Rows[0];
        long[] stamps = window.Video.Features[baseStream].TimestampsMicros;
        for (int s = 0; s < count; s++)
        {
            int at = Array.BinarySearch(frames, stamps[first + s]);
            int frame = at >= 0 ? at : ~at - 1; // the latest labelled frame at or before the step
            if (frame >= 0 && frames[frame] >= window.StartMicros && frames[frame] < window.EndMicros)
                targets[s] = labels[frame];
        }
    }

    /// <summary>Index of the first timestamp >= start and the number of timestamps in [start, end) (ascending input).</summary>
    private static (int First, int Count) Range(long[] stamps, long start, long end)
    {
        int first = LowerBound(stamps, start);
        return (first, LowerBound(stamps, end) - first);
    }

    private static int LowerBound(long[] stamps, long value)
    {
        int at = Array.BinarySearch(stamps, value);
        if (at < 0)
            return ~at;
        while (at > 0 && stamps[at - 1] == value)
            at--;
        return at;
    }
}
